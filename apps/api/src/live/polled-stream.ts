// Moved to @yishi/platform (libs/platform/src/live) so feature libs can stream; kept until voting's imports move.
export { PolledStreams, type Look } from '@yishi/platform';
