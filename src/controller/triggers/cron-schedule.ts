/** A parsed Jenkins cron spec: plain data, safe to store as JSON. */

export interface CronSchedule {
  /** IANA zone the fields are read in: the spec's `TZ=` line, else the parser's default zone. */
  timeZone: string;
  /** One per schedule line; the schedule fires when any entry matches. Empty: never fires. */
  entries: CronEntry[];
}

/** One cron line with every `H`, range, step and name resolved to plain values. */
export interface CronEntry {
  /** 1-based line in the spec. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  /** 1–12 */
  months: number[];
  /** 0 = Sunday … 6 = Saturday (a 7 in the spec becomes 0). */
  daysOfWeek: number[];
}

export interface CronError {
  message: string;
  /** 1-based line and column in the spec. */
  line: number;
  col: number;
}

export interface CronWarning {
  line: number;
  message: string;
}
