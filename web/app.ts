/**
 * The only script of the site, and every page works without it. It adds:
 * - the search page's filters apply as soon as they change (no reload; the URL follows);
 * - the table page's print button.
 */

function liveSearch(form: HTMLFormElement): void {
  const results = document.getElementById("results");
  if (!results) return;
  let controller: AbortController | undefined;
  let timer: number | undefined;

  const update = async () => {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value !== "") query.set(key, value);
    }
    const url = `${form.action}${query.size > 0 ? `?${query.toString()}` : ""}`;
    controller?.abort();
    controller = new AbortController();
    results.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: "text/html" } });
      const html = await response.text();
      const next = new DOMParser().parseFromString(html, "text/html");
      const fresh = next.getElementById("results");
      if (!fresh) return;
      // Replaced node for node: the server rendered (and escaped) everything.
      results.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
      const status = document.getElementById("search-status");
      const count = results.querySelector(".results__count");
      if (status && count) status.textContent = count.textContent;
      history.replaceState(null, "", url);
    } catch (error) {
      if ((error as Error).name !== "AbortError") form.submit();
    } finally {
      results.removeAttribute("aria-busy");
    }
  };

  form.addEventListener("change", (event) => {
    if ((event.target as HTMLElement).tagName === "SELECT") void update();
  });
  form.addEventListener("input", (event) => {
    if ((event.target as HTMLElement).id !== "f-q") return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), 300);
  });
}

function printButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

document.documentElement.classList.add("js");
const searchForm = document.querySelector<HTMLFormElement>("form[data-live-search]");
if (searchForm) liveSearch(searchForm);
printButtons();
