import { mount } from '@ui/mount';

mount(<p>Pilot-to-Production</p>);
