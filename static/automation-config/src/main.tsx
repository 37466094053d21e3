import '@ui/zod-jitless'; // first: before any zod schema exists
import { mount } from '@ui/mount';
import { App } from './App';

mount(<App />);
