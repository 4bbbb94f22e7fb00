// Report entry points: diagnose a capture and render the report as JSON, Markdown or HTML.
import { diagnoseCapture } from '../diagnose/index.ts';
import type { DiagnoseOptions } from '../diagnose/types.ts';
import type { DecodedCapture } from '../model/decoded.ts';
import { buildReport, type ReportOptions } from './build.ts';
import { renderReportHtml } from './html.ts';
import { renderReportJson } from './json.ts';
import { renderReportMarkdown } from './markdown.ts';
import type { Report } from './types.ts';

export { buildReport, clientNetwork, expanded, type ReportOptions } from './build.ts';
export { renderReportHtml, REPORT_CSP } from './html.ts';
export { renderReportJson, reportJson } from './json.ts';
export { renderReportMarkdown } from './markdown.ts';
export type { Report, ReportConnection, ReportFinding, ReportGroup } from './types.ts';

export type ReportFormat = 'json' | 'md' | 'html';

/** Diagnoses every connection and builds the report model. */
export function reportCapture(capture: DecodedCapture, opts: ReportOptions & DiagnoseOptions = {}): Report {
  return buildReport(capture, diagnoseCapture(capture, opts), opts);
}

/** Renders a report in the format the output file's extension asks for. */
export function renderReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return renderReportJson(report);
  if (format === 'md') return renderReportMarkdown(report);
  return renderReportHtml(report);
}
