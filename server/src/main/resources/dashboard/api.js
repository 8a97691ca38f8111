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

export async function fetchEnvelope(analysis, filters, extra = {}) {
  const query = new URLSearchParams({ from: filters.from, to: filters.to, ...extra });
  if (filters.component) query.set("component", filters.component);
  const response = await fetch(`api/v1/${analysis}?${query}`, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
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
