import { byId } from './dom';
import type { Problem } from './stats-client';

/** The form's fields a problem may name, by their API names (which are their ids). */
export const FIELDS = [
  'from',
  'to',
  'customerId',
  'type',
  'groupBy',
  'timeZone',
];

/**
 * The problem's title, status and detail, announced (the box is an alert),
 * and each field it names marked invalid with its message beside it. A
 * refused key marks the key, and moves there.
 */
export function showProblem(problem: Problem): void {
  const box = byId('problem');
  const title = document.createElement('strong');
  title.textContent = `${problem.title}${problem.status ? ` (${problem.status})` : ''}`;
  box.append(title);
  if (problem.detail) {
    const detail = document.createElement('p');
    detail.textContent = problem.detail;
    box.append(detail);
  }
  if (problem.errors?.length) {
    const list = document.createElement('ul');
    for (const { field, message } of problem.errors) {
      const item = document.createElement('li');
      item.textContent = `${field}: ${message}`;
      list.append(item);
      if (FIELDS.includes(field)) {
        byId(field).setAttribute('aria-invalid', 'true');
        byId(`${field}-error`).textContent = message;
      }
    }
    box.append(list);
  }
  if (problem.status === 401 || problem.status === 403) {
    byId('api-key').setAttribute('aria-invalid', 'true');
    byId('api-key').focus();
  }
}

export function clearProblem(): void {
  byId('problem').replaceChildren();
  for (const name of [...FIELDS, 'api-key']) {
    byId(name).removeAttribute('aria-invalid');
  }
  for (const name of FIELDS) byId(`${name}-error`).textContent = '';
}
