package rules

// The capacity arithmetic the packages built on the engine use when they add usage up themselves
// (the portfolio, across integrations), so that their shares and verdicts are an evaluation's.

// Figure returns the snapshot's figure for a limit, if the snapshot has one.
func (s *OrgSnapshot) Figure(limit string) (OrgFigure, bool) { return s.figure(limit) }

// Share is usage as a fraction of an allocation, the way capacity verdicts compute it.
func Share(usage, allocation float64) float64 { return share(usage, allocation) }

// Verdict is the capacity verdict (ok, warn, exceeds) of a share of an allocation, by the
// knowledge base's thresholds.
func (c *Catalog) Verdict(share float64) string { return c.capacityVerdict(share) }

// SourceURL is the address of the source the limit's figure comes from.
func (l *Limit) SourceURL() string { return l.cited.url }
