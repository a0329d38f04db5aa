/** An element of the page by its id, as the type the caller knows it is. */
export const byId = <T extends HTMLElement = HTMLElement>(id: string): T =>
  document.getElementById(id) as T;
