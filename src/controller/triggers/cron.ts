/**
 * Jenkins cron for `triggers { cron('H H(8-18)/2 * * 1-5') }` and `pollSCM`:
 * `parseJenkinsCron(spec, jobFullName)` resolves the spec (with Jenkins' `H`
 * hashing) into a plain-data schedule; `nextFireTime(schedule, after)` says
 * when it fires next. Details in the modules' own comments and
 * docs/controller-libs.md.
 */
export { parseJenkinsCron, type CronParseOptions, type CronParseResult } from './cron-parse.ts';
export { nextFireTime } from './cron-next.ts';
export { jenkinsHash, type CronHash } from './cron-hash.ts';
export type { CronEntry, CronError, CronSchedule, CronWarning } from './cron-schedule.ts';
