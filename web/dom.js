/**
 * Builds elements from text only: strings become text nodes, never HTML, so a model or client name
 * chosen by whoever sends requests cannot inject markup into the page.
 * @template {keyof HTMLElementTagNameMap} Tag
 * @param {Tag} tag
 * @param {Record<string, string>} [attributes]
 * @param {Array<Node | string>} [children]
 * @returns {HTMLElementTagNameMap[Tag]}
 */
export function h(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
}

/**
 * @param {string} id
 * @returns {HTMLTableSectionElement}
 */
export function tableBody(id) {
  const body = byId(id).querySelector('tbody');
  if (!body) throw new Error(`#${id} has no tbody`);
  return body;
}
