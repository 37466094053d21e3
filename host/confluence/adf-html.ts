// ADF page content as HTML for the stand-in Confluence page view (and as the storage representation of pages that
// were written in ADF): the nodes the app's pages use (headings, paragraphs, links, strong, lists, tables). A node
// this renderer does not know is shown as a labelled box, not dropped, so a page never silently loses content.
// Extension nodes are handed to `macro` (the page view puts the live Forge macro there).
import type { AdfNode } from './state';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const children = (node: AdfNode): AdfNode[] => (Array.isArray(node.content) ? (node.content as AdfNode[]) : []);

function inline(node: AdfNode): string {
  if (node.type === 'hardBreak') return '<br>';
  if (node.type !== 'text')
    return `<span data-adf-unknown="${esc(String(node.type))}">[${esc(String(node.type))}]</span>`;
  let html = esc(typeof node.text === 'string' ? node.text : '');
  for (const mark of Array.isArray(node.marks) ? (node.marks as AdfNode[]) : []) {
    const attrs = (mark.attrs ?? {}) as { href?: unknown };
    if (mark.type === 'strong') html = `<strong>${html}</strong>`;
    else if (mark.type === 'em') html = `<em>${html}</em>`;
    else if (mark.type === 'code') html = `<code>${html}</code>`;
    else if (mark.type === 'link' && typeof attrs.href === 'string' && /^(https?:|\/)/.test(attrs.href))
      html = `<a href="${esc(attrs.href)}">${html}</a>`;
  }
  return html;
}

export function adfToHtml(nodes: AdfNode[], macro: (node: AdfNode) => string = () => ''): string {
  return nodes.map((node) => block(node, macro)).join('');
}

function block(node: AdfNode, macro: (node: AdfNode) => string): string {
  const inner = () =>
    children(node)
      .map((c) =>
        ['paragraph', 'heading', 'bulletList', 'orderedList', 'table', 'extension'].includes(String(c.type))
          ? block(c, macro)
          : inline(c),
      )
      .join('');
  switch (node.type) {
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(Math.max(Number((node.attrs as { level?: unknown } | undefined)?.level) || 2, 1), 6);
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${children(node)
        .map((li) => `<li>${adfToHtml(children(li), macro)}</li>`)
        .join('')}</ul>`;
    case 'orderedList':
      return `<ol>${children(node)
        .map((li) => `<li>${adfToHtml(children(li), macro)}</li>`)
        .join('')}</ol>`;
    case 'table':
      return `<table>${children(node)
        .map(
          (row) =>
            `<tr>${children(row)
              .map((c) =>
                c.type === 'tableHeader'
                  ? `<th>${adfToHtml(children(c), macro)}</th>`
                  : `<td>${adfToHtml(children(c), macro)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('')}</table>`;
    case 'extension':
      return macro(node);
    default:
      return `<div data-adf-unknown="${esc(String(node.type))}">[${esc(String(node.type))}]</div>`;
  }
}
