// Which template version the pilot's workstreams were seeded from, and the graduated pilot it was learnt from.
import { Text } from '@atlaskit/primitives';
import type { TemplateSourceView } from '@ui/outputs';

export function TemplateSource({ source }: { source: TemplateSourceView | null | undefined }) {
  if (!source) return null;
  return (
    <Text size="small" color="color.text.subtle" testId="template-source">
      {source.fromPilotKey
        ? `Seeded from template version ${source.version}, adopted from what shipped in ${source.fromPilotKey}.`
        : `Seeded from template version ${source.version}.`}
    </Text>
  );
}
