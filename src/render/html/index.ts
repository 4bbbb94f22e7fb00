export { renderWalkthrough, renderConnection, type ConnectionOutcome, type WalkthroughOptions } from './walkthrough.ts';
export { renderRecordCell, messagesIn, type CellView, type CellContext } from './cell.ts';
export { selfContainedPage, INLINE_CSP, cspHash } from './page.ts';
export { CSS } from './style.ts';
export { SCRIPT } from './script.ts';
