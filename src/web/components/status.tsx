/** Status badges: icon + word + tone, never colour alone. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { StatusLook } from '../shared/status.ts';
import { Icon } from './icons.tsx';

export function Badge(props: { look: StatusLook; compact?: boolean }): JSX.Element {
  const { look } = props;
  return (
    <span class={`badge tone-${look.tone}${props.compact ? ' badge-compact' : ''}`}>
      <Icon name={look.icon} />
      <span class={props.compact ? 'visually-hidden' : undefined}>{look.label}</span>
    </span>
  );
}

/** A round status mark with its word for screen readers and as a tooltip. */
export function Dot(props: { look: StatusLook; title?: string }): JSX.Element {
  return (
    <span class={`dot tone-${props.look.tone}`} title={props.title ?? props.look.label}>
      <Icon name={props.look.icon} />
      <span class="visually-hidden">{props.title ?? props.look.label}</span>
    </span>
  );
}
