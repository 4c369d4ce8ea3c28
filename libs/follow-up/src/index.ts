/** Follow-up (落实问效): tasks, progress with evidence, residents' evaluation (see docs/architecture.md). */
export {};
