package dev.pulse.server.store.duckdb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A connection lent to a reader (analytics, rollup refresh): tells its {@link DuckDbInstance} when it
 * is closed, and poisons the instance when a statement on it fails the way a full disk makes DuckDB
 * fail. The statements and result sets it hands out are wrapped the same way.
 */
final class LeasedConnection implements InvocationHandler {

  /** DuckDB's error types that say nothing about the state of the instance (the query was wrong). */
  private static final String[] HARMLESS = {
    "catalog error", "binder error", "parser error", "constraint error", "conversion error",
    "invalid input error", "out of range error", "not implemented error", "interrupt error"
  };

  private final Object target;
  private final Connection connection;
  private final DuckDbInstance instance;

  private LeasedConnection(Object target, Connection connection, DuckDbInstance instance) {
    this.target = target;
    this.connection = connection;
    this.instance = instance;
  }

  static Connection wrap(Connection connection, DuckDbInstance instance) {
    return (Connection) proxy(connection, Connection.class, connection, instance);
  }

  /**
   * Whether a failed statement leaves the DuckDB instance untrustworthy: anything but an error in
   * the query itself (an I/O error, a failed commit, an internal or fatal error).
   */
  static boolean poisons(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).trim();
    if (message.startsWith("appender error")) {
      // Appenders fill the transaction in memory (a dropped table, a closed appender); the disk is
      // written at commit, whose failure says so.
      return message.contains("io error") || message.contains("no space");
    }
    for (String harmless : HARMLESS) {
      if (message.startsWith(harmless)) {
        return false;
      }
    }
    // Two transactions writing the same rows: the later one is refused, the instance is fine.
    return !(message.startsWith("transactioncontext error") && message.contains("conflict"));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (target == connection && method.getName().equals("close") && method.getParameterCount() == 0) {
      try {
        connection.close();
      } finally {
        instance.returned(connection);
      }
      return null;
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException && !connection.isClosed() && poisons(cause)) {
        instance.poison(cause.getMessage());
      }
      throw cause;
    }
    Class<?> type = method.getReturnType();
    if (result != null && type.isInterface() && (Statement.class.isAssignableFrom(type) || type == ResultSet.class)) {
      return proxy(result, type, connection, instance);
    }
    return result;
  }

  private static Object proxy(Object target, Class<?> type, Connection connection, DuckDbInstance instance) {
    return Proxy.newProxyInstance(
        LeasedConnection.class.getClassLoader(), new Class<?>[] {type},
        new LeasedConnection(target, connection, instance));
  }
}
