import type { Calculation } from '../../model/decoded.ts';
import { esc, slug } from '../escape.ts';
import { copyable } from './explain.ts';

function value(v: string, secret: boolean | undefined, show: boolean): string {
  if (secret && !show) return '<em class="secret">secret, hidden (ask for secrets to show it)</em>';
  return `<code class="hexval">${esc(v)}</code>`;
}

/**
 * The command with every hidden secret replaced by a placeholder: the openssl line spells the
 * secrets out (`hexkey:…`), so hiding only the table cells would still print them.
 */
function redactCommand(c: Calculation, show: boolean): string | undefined {
  if (!c.command || show) return c.command;
  let cmd = c.command;
  const secrets = [...c.inputs, c.output].filter((v) => v.secret && v.value !== '').map((v) => v.value.toLowerCase());
  for (const v of secrets) cmd = cmd.split(v).join('SECRET').split(v.toUpperCase()).join('SECRET');
  return cmd;
}

/** One calculation step (key schedule, Finished check) as a notebook cell. */
export function renderCalculation(c: Calculation, connId: number, showSecrets: boolean): string {
  const ok = c.ok === undefined ? '' : c.ok ? ' <span class="ok">verified</span>' : ' <span class="fail">does not verify</span>';
  const inputs = c.inputs
    .map((i) => `<tr><th>${esc(i.name)}</th><td>${value(i.value, i.secret, showSecrets)}</td></tr>`)
    .join('');
  const out = `<tr class="out"><th>${esc(c.output.name)}</th><td>${value(c.output.value, c.output.secret, showSecrets)}</td></tr>`;
  const command = redactCommand(c, showSecrets);
  const cmd = command ? `<p class="cmdline">Reproduce: ${copyable(command)}</p>` : '';
  const expl = c.explanation ? `<p>${esc(c.explanation)}</p>` : '';
  return `<section class="cell calc" id="c${connId}-calc-${slug(c.id)}"><h3>${esc(c.title)}${ok}</h3>${expl}<table class="calct">${inputs}${out}</table>${cmd}</section>`;
}
