// The issue glance: the panel's own assessment (app storage and settings, read as the viewer), as one line.
import { glanceOf, type Glance } from '../core/glance';
import { pilotAssessment, type PanelCaller } from './panel.use-case';

export async function pilotGlance(caller: PanelCaller): Promise<Glance> {
  return glanceOf(await pilotAssessment(caller));
}
