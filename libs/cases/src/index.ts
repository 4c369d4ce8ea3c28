/** Cases: open a case, its stages, acknowledgements, opinions, meetings and queries (see docs/architecture.md). */
export {};
