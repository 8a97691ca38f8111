// Reads api/v1/ with the session cookie the browser already holds; the token never reaches JS.
// Paths are relative: the page's <base href> puts them under the server's base path.

export class ApiError extends Error {
  /** The answer's HTTP status; 0 when there was none. */
  constructor(message, status = 0) {
    super(message);
    this.status = status;
  }
}

export async function fetchRows(analysis, filters, extra = {}) {
  const envelope = await fetchEnvelope(analysis, filters, extra);
  return envelope.rows;
}

/** How long a request may take, answer and body, before the page says the server did not answer. */
export const TIMEOUT_SECONDS = 30;

export async function fetchEnvelope(analysis, filters, extra = {}) {
  try {
    return await request(analysis, filters, extra);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The timeout's abort, or no answer at all (the server stopped, the network down): in our words.
    if (error.name === "TimeoutError" || error.name === "AbortError") {
      throw new ApiError(`The server did not answer within ${TIMEOUT_SECONDS} s.`);
    }
    throw new ApiError("The server could not be reached: it may be stopped, or the network down.");
  }
}

async function request(analysis, filters, extra) {
  const query = new URLSearchParams({ from: filters.from, to: filters.to, ...extra });
  if (filters.component) query.set("component", filters.component);
  // The signal bounds the body too: a server that sends the head and then hangs is cut off as well.
  const response = await fetch(`api/v1/${analysis}?${query}`, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
    signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
  });
  if (response.status === 401) {
    // The sign-in page says the session ended and leads back to this page, filters and all.
    const signIn = new URL("login", document.baseURI);
    signIn.search = new URLSearchParams({ session: "ended", next: location.pathname + location.search });
    location.assign(signIn);
    throw new ApiError("Your session has ended. Please sign in again.");
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const parameter = body.parameter ? ` (parameter ${body.parameter})` : "";
    throw new ApiError(`${analysis}: ${body.error || response.statusText}${parameter}`, response.status);
  }
  return response.json();
}
