/** The few glyphs the UI uses, as inline SVG (no icon font, no extra request). */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { StatusLook } from '../shared/status.ts';

const PATHS: Record<StatusLook['icon'] | 'branch' | 'commit' | 'search' | 'download', string> = {
  check: 'M3.5 8.5l3 3 6-7',
  cross: 'M4 4l8 8M12 4l-8 8',
  warn: 'M8 2.5l6 11H2zM8 6.5v3.5M8 11.8v.2',
  spinner: 'M8 2a6 6 0 1 1-6 6',
  clock: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2zM8 4.5V8l2.5 1.5',
  dash: 'M4 8h8',
  stop: 'M4.5 4.5h7v7h-7z',
  pause: 'M5.5 4v8M10.5 4v8',
  branch: 'M5 3v10M5 9c0-3 6-2 6-5M11 3.5a1.3 1.3 0 1 0 0 .1M5 13.5a1.3 1.3 0 1 0 0 .1',
  commit: 'M1.5 8h3.5M11 8h3.5M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5',
  search: 'M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9M10.3 10.3L14 14',
  download: 'M8 2.5v8M4.5 7.5L8 11l3.5-3.5M3 13.5h10',
};

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; class?: string }): JSX.Element {
  return (
    <svg
      class={`icon icon-${props.name} ${props.class ?? ''}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}
