// Over plain HTTP sign-in works (the session cookie is Secure only over HTTPS), but the token and the
// session cross the network unencrypted. Say so, except on this machine's own addresses.
const LOCAL = ["localhost", "127.0.0.1", "[::1]"];

if (location.protocol === "http:" && !LOCAL.includes(location.hostname)) {
  const warning = document.getElementById("plain-http");
  warning.hidden = false;
}
