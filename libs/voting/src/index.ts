/** Owners' votes under the Civil Code: resolutions, electorate, ballots, proxies, canvass, publication. */
export {};
