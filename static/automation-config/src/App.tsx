// The configuration form of the app's Jira Automation actions (the action module's `config` resource). Automation
// hands the saved inputs in `extension.data.inputs` and the fields it found invalid in
// `extension.errors.invalidInputs`; the form is generated from the same input declaration the manifest and the
// action function use (contract/actions.ts), and every change goes back with view.submit, which keeps the state
// while the person moves between rule components (Forge's automation-action docs).
import { useEffect, useState } from 'react';
import { view } from '@forge/bridge';
import Textfield from '@atlaskit/textfield';
import { Box, Stack } from '@atlaskit/primitives';
import { ACTION_INPUTS, type ActionInputDecl, type ActionKey } from '@contract/actions';
import { ErrorBanner } from '@ui/ErrorBanner';
import { LabelledField, describedBy } from '@ui/LabelledField';
import { Loading } from '@ui/Loading';

type Values = Record<string, string>;
type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; inputs: Record<string, ActionInputDecl>; values: Values; invalid: Record<string, string> };

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

export function App() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    view
      .getContext()
      .then((context) => {
        if (!live) return;
        const key = String((context as { moduleKey?: unknown }).moduleKey ?? '');
        const inputs = (ACTION_INPUTS as Record<string, Record<string, ActionInputDecl>>)[key as ActionKey];
        if (!inputs) return setState({ status: 'failed', message: `This form does not know the action "${key}".` });
        const extension = record(context.extension);
        const saved = record(record(extension.data).inputs);
        const invalid = record(record(extension.errors).invalidInputs);
        setState({
          status: 'ready',
          inputs,
          values: Object.fromEntries(
            Object.keys(inputs).map((name) => [
              name,
              saved[name] === undefined || saved[name] === null ? '' : String(saved[name]),
            ]),
          ),
          invalid: Object.fromEntries(
            Object.entries(invalid).map(([name, v]) => [name, String(record(v).message ?? v)]),
          ),
        });
      })
      .catch((error: unknown) => {
        if (live)
          setState({
            status: 'failed',
            message: `Automation did not hand over the action's configuration (${error instanceof Error ? error.message : String(error)}).`,
          });
      });
    return () => {
      live = false;
    };
  }, []);

  if (state.status === 'loading') return <Loading label="Loading the action's configuration…" />;
  if (state.status === 'failed')
    return (
      <ErrorBanner
        error={{ code: 'INTERNAL', message: state.message }}
        advice="Remove the action from the rule and add it again."
        testId="automation-config-error"
      />
    );

  const change = (name: string, value: string) => {
    const values = { ...state.values, [name]: value };
    const invalid = { ...state.invalid };
    delete invalid[name];
    setState({ ...state, values, invalid });
    // Blank optional inputs are left out; the declared types are all text here, numbers are sent as numbers.
    const submitted = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim() !== '')
        .map(([n, v]) => [
          n,
          state.inputs[n]?.type === 'integer' || state.inputs[n]?.type === 'number'
            ? Number(v)
            : state.inputs[n]?.type === 'boolean'
              ? v === 'true'
              : v,
        ]),
    );
    void view.submit(submitted);
  };

  return (
    <Box padding="space.200" testId="automation-config">
      <Stack space="space.150">
        {Object.entries(state.inputs).map(([name, decl]) => {
          const id = `automation-input-${name}`;
          const error = state.invalid[name];
          return (
            <LabelledField
              key={name}
              id={id}
              label={`${decl.title}${decl.required ? ' (required)' : ''}`}
              error={error}
              helper={decl.description}
            >
              <Textfield
                id={id}
                name={name}
                value={state.values[name] ?? ''}
                isRequired={decl.required}
                isInvalid={Boolean(error)}
                aria-describedby={describedBy(id, error)}
                onChange={(e) => change(name, e.currentTarget.value)}
                testId={id}
              />
            </LabelledField>
          );
        })}
      </Stack>
    </Box>
  );
}
