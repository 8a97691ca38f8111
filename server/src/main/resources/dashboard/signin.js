// The session cookie is Secure: over plain HTTP, browsers keep it only for localhost. Say so, rather
// than let sign-in loop back to this page without a word.
const LOCAL = ["localhost", "127.0.0.1", "[::1]"];

if (location.protocol === "http:" && !LOCAL.includes(location.hostname)) {
  const warning = document.getElementById("plain-http");
  warning.hidden = false;
}
