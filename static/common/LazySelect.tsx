import { lazy, Suspense } from 'react';
import Textfield from '@atlaskit/textfield';
import type { SingleSelectProps } from './SingleSelect';

const SingleSelect = lazy(() => import('./SingleSelect'));

/** Until the select's chunk arrives, a disabled field shows the current choice under the same label. */
export function LazySelect(props: SingleSelectProps) {
  const current = props.options.find((o) => o.value === props.value) ?? props.options[0];
  return (
    <Suspense
      fallback={<Textfield id={props.inputId} value={current?.label ?? ''} isDisabled isCompact={props.isCompact} />}
    >
      <SingleSelect {...props} />
    </Suspense>
  );
}

export type { SelectChoice, SingleSelectProps } from './SingleSelect';
