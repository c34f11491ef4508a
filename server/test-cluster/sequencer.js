/** Files in name order, the failover test last: it kills replica B and leaves it down. */
module.exports = class ClusterSequencer {
  sort(tests) {
    const last = (t) => (t.path.includes('failover') ? 1 : 0);
    return [...tests].sort((a, b) => last(a) - last(b) || a.path.localeCompare(b.path));
  }
  cacheResults() {}
};
