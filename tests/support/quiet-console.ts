// The app logs what a Forge function logs in production (scan summaries, install notes). In tests those lines
// bury the results, so log and info are silenced for the whole file, set-up hooks included; warnings and errors
// still print.
jest.spyOn(console, 'log').mockImplementation(() => undefined);
jest.spyOn(console, 'info').mockImplementation(() => undefined);
