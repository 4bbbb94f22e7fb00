import { calculationCommand, type Calculation } from '../../model/decoded.ts';
import { esc, slug } from '../escape.ts';
import { copyable } from './explain.ts';

function value(v: string, secret: boolean | undefined, show: boolean): string {
  if (secret && !show) return '<em class="secret">secret, hidden (ask for secrets to show it)</em>';
  return `<code class="hexval">${esc(v)}</code>`;
}

/** One calculation step (key schedule, Finished check) as a notebook cell. */
export function renderCalculation(c: Calculation, connId: number, showSecrets: boolean): string {
  const ok = c.ok === undefined ? '' : c.ok ? ' <span class="ok">verified</span>' : ' <span class="fail">does not verify</span>';
  const inputs = c.inputs
    .map((i) => `<tr><th>${esc(i.name)}</th><td>${value(i.value, i.secret, showSecrets)}</td></tr>`)
    .join('');
  const out = `<tr class="out"><th>${esc(c.output.name)}</th><td>${value(c.output.value, c.output.secret, showSecrets)}</td></tr>`;
  // Hidden secrets are SECRET in the command too: the openssl line spells them out (`hexkey:…`).
  const command = calculationCommand(c, showSecrets)?.text;
  const cmd = command ? `<p class="cmdline">Reproduce: ${copyable(command)}</p>` : '';
  const expl = c.explanation ? `<p>${esc(c.explanation)}</p>` : '';
  return `<section class="cell calc" id="c${connId}-calc-${slug(c.id)}"><h3>${esc(c.title)}${ok}</h3>${expl}<table class="calct">${inputs}${out}</table>${cmd}</section>`;
}
