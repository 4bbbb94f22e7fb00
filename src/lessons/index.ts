export { buildSite, renderLessons, type SiteOptions, type SiteResult, type LessonPage } from './site.ts';
export { LessonError, parseDirective, type Directive } from './fence.ts';
export { select, missingFields, type Selection } from './select.ts';
export { courseHtml, writeCoursePdf } from './pdf.ts';
