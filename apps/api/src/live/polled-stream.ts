// Moved to @yishi/platform (the voting library streams its live tally too).
export { PolledStreams, type Look } from '@yishi/platform';
