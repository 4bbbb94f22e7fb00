// The rule registry, as data: order matters, later rules read earlier findings
// (the chain rule runs before the alerts so alert-derived codes do not duplicate it).
import type { Rule } from '../types.ts';
import { alertsRule } from './alerts.ts';
import { chainRule } from './chain.ts';
import { clientAuthRule } from './clientauth.ts';
import { contentRule } from './content.ts';
import { negotiationRule } from './negotiation.ts';
import { sessionsRule } from './sessions.ts';
import { transportRule } from './transport.ts';

/** Every rule, in the order they run. */
export const RULES: readonly Rule[] = [chainRule, clientAuthRule, negotiationRule, alertsRule, sessionsRule, transportRule, contentRule];
