package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
)

// Org is what the advisor knows of the org beyond one integration's answers: allocations it has
// bought, and a snapshot of its real limits. The zero value (or nil) means the edition's formula.
type Org struct {
	// Addons are purchased extras: limit id to the amount added to the allocation.
	Addons map[string]float64 `json:"addons,omitempty" yaml:"addons,omitempty"`
	// Snapshot is the org's limits as `sf org list limits --json` or REST /limits reported them.
	Snapshot *OrgSnapshot `json:"snapshot,omitempty" yaml:"snapshot,omitempty"`
}

// OrgSnapshot is an org-limits snapshot reduced to the limits the knowledge base maps.
type OrgSnapshot struct {
	// File is where the snapshot was read from, as given.
	File string `json:"file" yaml:"file"`
	// Taken is the date the snapshot carries, when it carries one.
	Taken string `json:"taken,omitempty" yaml:"taken,omitempty"`
	// Limits are the mapped figures, in the knowledge base's limit order.
	Limits []OrgFigure `json:"limits" yaml:"limits"`
	// Ignored counts the snapshot's entries that name no limit the advisor models.
	Ignored int `json:"ignored" yaml:"ignored"`
}

// OrgFigure is one limit of a snapshot: the org's maximum and what remained when it was taken.
type OrgFigure struct {
	Limit     string  `json:"limit" yaml:"limit"`
	Name      string  `json:"name" yaml:"name"`
	Max       float64 `json:"max" yaml:"max"`
	Remaining float64 `json:"remaining" yaml:"remaining"`
}

// Used is what the org had already used of the allocation when the snapshot was taken.
func (f OrgFigure) Used() float64 { return math.Max(f.Max-f.Remaining, 0) }

// figure returns the snapshot's figure for a limit id.
func (s *OrgSnapshot) figure(limit string) (OrgFigure, bool) {
	if s == nil {
		return OrgFigure{}, false
	}
	for _, f := range s.Limits {
		if f.Limit == limit {
			return f, true
		}
	}
	return OrgFigure{}, false
}

// Empty reports whether the org adds nothing to the edition's formula.
func (o *Org) Empty() bool { return o == nil || (len(o.Addons) == 0 && o.Snapshot == nil) }

// maxOrgFigure bounds a snapshot's numbers and an add-on: no allocation comes near it.
const maxOrgFigure = 1e12

// ParseOrgLimits reads an org-limits snapshot: the JSON of `sf org list limits --json`
// ({"status": 0, "result": [{"name", "max", "remaining"}]}) or the body of the REST /limits
// resource ({"DailyApiRequests": {"Max": …, "Remaining": …}}). An optional top-level "taken" or
// "date" string is kept as the snapshot's date. Names the knowledge base does not map are
// counted and ignored; every other problem is reported with its line.
func (c *Catalog) ParseOrgLimits(file string, data []byte) (*OrgSnapshot, error) {
	doc, err := parseDocument(file, data)
	if err != nil {
		return nil, err
	}
	if doc.Kind != yaml.MappingNode {
		return nil, Problems{{File: file, Line: doc.Line, Msg: "not an org-limits snapshot: expected the JSON object of `sf org list limits --json` or of REST /limits, not " + nodeKind(doc)}}
	}
	snap := &OrgSnapshot{File: file, Limits: []OrgFigure{}}
	var ps Problems
	top := mappingFields(doc)
	for _, k := range []string{"taken", "date"} {
		if n := top[k]; n != nil && n.Kind == yaml.ScalarNode && snap.Taken == "" {
			snap.Taken = strings.TrimSpace(n.Value)
		}
	}
	found := map[string]OrgFigure{}
	if top["result"] != nil || top["status"] != nil {
		ps = c.readCLISnapshot(file, doc, top, found, &snap.Ignored)
	} else {
		ps = c.readRESTSnapshot(file, doc, found, &snap.Ignored)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	for _, lim := range c.Limits {
		if f, ok := found[lim.ID]; ok {
			snap.Limits = append(snap.Limits, f)
		}
	}
	return snap, nil
}

// readCLISnapshot reads the shape of `sf org list limits --json`, refusing its error envelope.
func (c *Catalog) readCLISnapshot(file string, doc *yaml.Node, top map[string]*yaml.Node, found map[string]OrgFigure, ignored *int) Problems {
	if st := top["status"]; st != nil && st.Value != "0" {
		msg := "the CLI reported an error (status " + short(st.Value) + ")"
		if m := top["message"]; m != nil && m.Kind == yaml.ScalarNode {
			msg += ": " + short(m.Value)
		}
		return Problems{{File: file, Line: st.Line, Field: "status", Msg: msg + "; run `sf org list limits --json` again once it succeeds"}}
	}
	res := top["result"]
	if res == nil || res.Kind != yaml.SequenceNode {
		line := doc.Line
		if res != nil {
			line = res.Line
		}
		return Problems{{File: file, Line: line, Field: "result", Msg: "expected a list of {name, max, remaining}"}}
	}
	var ps Problems
	for i, entry := range res.Content {
		field := "result[" + strconv.Itoa(i) + "]"
		if entry.Kind != yaml.MappingNode {
			ps = append(ps, Problem{File: file, Line: entry.Line, Field: field, Msg: "expected {name, max, remaining}, not " + nodeKind(entry)})
			continue
		}
		f := mappingFields(entry)
		name := f["name"]
		if name == nil || name.Kind != yaml.ScalarNode || name.Value == "" {
			ps = append(ps, Problem{File: file, Line: entry.Line, Field: field + ".name", Msg: "missing; every entry names its limit"})
			continue
		}
		ps = append(ps, c.orgEntry(file, field+" ("+safetext.Escape(short(name.Value))+")", name.Value, entry, [2]string{"max", "remaining"}, f, found, ignored)...)
	}
	return ps
}

// readRESTSnapshot reads the body of REST /limits: each limit name maps to {Max, Remaining}. An
// object none of whose values is such a mapping is not a snapshot at all.
func (c *Catalog) readRESTSnapshot(file string, doc *yaml.Node, found map[string]OrgFigure, ignored *int) Problems {
	mappings := 0
	for i := 1; i < len(doc.Content); i += 2 {
		if doc.Content[i].Kind == yaml.MappingNode {
			mappings++
		}
	}
	if mappings == 0 {
		return Problems{{File: file, Line: doc.Line, Msg: "not an org-limits snapshot: expected {\"status\": 0, \"result\": [...]} from the CLI or {\"DailyApiRequests\": {\"Max\": …, \"Remaining\": …}} from REST /limits"}}
	}
	var ps Problems
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		if key.Value == "taken" || key.Value == "date" {
			continue
		}
		if val.Kind != yaml.MappingNode {
			ps = append(ps, Problem{File: file, Line: val.Line, Field: short(key.Value), Msg: "expected {\"Max\": …, \"Remaining\": …}, not " + nodeKind(val)})
			continue
		}
		ps = append(ps, c.orgEntry(file, short(key.Value), key.Value, val, [2]string{"Max", "Remaining"}, mappingFields(val), found, ignored)...)
	}
	return ps
}

// orgEntry checks one snapshot entry's figures (keys names the maximum's and the remainder's
// keys, as the shape spells them) and keeps it when the knowledge base maps its name.
func (c *Catalog) orgEntry(file, field, name string, entry *yaml.Node, keys [2]string, f map[string]*yaml.Node, found map[string]OrgFigure, ignored *int) Problems {
	var ps Problems
	maxV, ok1 := orgNumber(file, field+"."+keys[0], entry, f[keys[0]], &ps)
	remV, ok2 := orgNumber(file, field+"."+keys[1], entry, f[keys[1]], &ps)
	if ok1 && ok2 && remV > maxV {
		ps = append(ps, Problem{File: file, Line: f[keys[1]].Line, Field: field + "." + keys[1], Msg: fmt.Sprintf("%s remaining is more than the maximum %s", formatInt(int64(remV)), formatInt(int64(maxV)))})
	}
	if len(ps) > 0 {
		return ps
	}
	lim := c.limitForOrgName(name)
	if lim == nil {
		*ignored++
		return nil
	}
	if _, dup := found[lim.ID]; dup {
		return Problems{{File: file, Line: entry.Line, Field: field, Msg: "listed twice"}}
	}
	found[lim.ID] = OrgFigure{Limit: lim.ID, Name: name, Max: maxV, Remaining: remV}
	return nil
}

// orgNumber reads a snapshot figure: a whole number from 0 up.
func orgNumber(file, field string, entry, n *yaml.Node, ps *Problems) (float64, bool) {
	if n == nil {
		*ps = append(*ps, Problem{File: file, Line: entry.Line, Field: field, Msg: "missing"})
		return 0, false
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil || v < 0 || v > maxOrgFigure || v != math.Trunc(v) {
		*ps = append(*ps, Problem{File: file, Line: n.Line, Field: field, Msg: "expected a whole number from 0 to " + formatInt(maxOrgFigure) + ", got " + nodeKind(n)})
		return 0, false
	}
	return v, true
}

func (c *Catalog) limitForOrgName(name string) *Limit {
	for _, lim := range c.Limits {
		if lim.OrgLimit != "" && lim.OrgLimit == name {
			return lim
		}
	}
	return nil
}

// mappingFields indexes a mapping node's values by key (the first of duplicate keys wins).
func mappingFields(n *yaml.Node) map[string]*yaml.Node {
	m := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if _, dup := m[n.Content[i].Value]; !dup {
			m[n.Content[i].Value] = n.Content[i+1]
		}
	}
	return m
}

// ParseAddon reads one `limit=amount` purchase (`--addon event_delivery_per_day=100000`): the
// limit must be a budget, the amount a whole number (100k and 2M are accepted).
func (c *Catalog) ParseAddon(assignment string) (string, float64, error) {
	id, value, ok := strings.Cut(assignment, "=")
	id = strings.TrimSpace(id)
	at := Problem{File: "--addon", Field: short(id)}
	lim := c.limitByID[id]
	switch {
	case !ok || id == "":
		at.Msg = fmt.Sprintf("expected limit=amount, got %q", short(assignment))
	case lim == nil || !lim.Allocation():
		at.Msg = "not an allocation that can be bought; allocations are " + strings.Join(c.AllocationIDs(), ", ")
	}
	if at.Msg != "" {
		return "", 0, Problems{at}
	}
	n, err := ParseNumber(value)
	if err != nil || n < 0 || float64(n) > maxOrgFigure {
		at.Msg = fmt.Sprintf("expected a whole number of extra %s from 0 to %s, got %q", lim.Unit, formatInt(maxOrgFigure), short(strings.TrimSpace(value)))
		return "", 0, Problems{at}
	}
	return id, float64(n), nil
}

// limit returns one limit's value for this evaluation: the edition's, with the org's snapshot
// maximum in place of the formula and its add-on on top. It is worked out for each capacity row
// rather than tabled, which would cost a map for every evaluation of an org.
func (ev *evaluation) limit(id string) float64 {
	v := ev.limits[id]
	if ev.org.Empty() {
		return v
	}
	if f, ok := ev.org.Snapshot.figure(id); ok {
		v = f.Max
	}
	return v + ev.org.Addons[id]
}

// addon is the purchased amount of one limit.
func (ev *evaluation) addon(limit string) float64 {
	if ev.org == nil {
		return 0
	}
	return ev.org.Addons[limit]
}

// orgUse returns what the org already uses of a budget, where its allocation came from, and the
// add-on included in it.
func (ev *evaluation) orgUse(limit string) (used float64, basis string, addon float64) {
	if ev.org == nil {
		return 0, "edition formula", 0
	}
	if f, ok := ev.org.Snapshot.figure(limit); ok {
		return f.Used(), "org snapshot", ev.addon(limit)
	}
	return 0, "edition formula", ev.addon(limit)
}

// CheckOrg checks an org read back from somewhere else (a decision record): every add-on and
// snapshot figure must name an allocation the knowledge base knows, with sensible figures. The
// problems name file, line and field.
func (c *Catalog) CheckOrg(file string, line int, o *Org) error {
	if o == nil {
		return nil
	}
	var ps Problems
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	for _, id := range sortedKeys(o.Addons) {
		if lim := c.limitByID[id]; lim == nil || !lim.Allocation() {
			bad("org.addons."+short(id), "not an allocation that can be bought")
		} else if v := o.Addons[id]; v < 0 || v > maxOrgFigure || v != math.Trunc(v) {
			bad("org.addons."+short(id), "expected a whole number from 0 to %s", formatInt(maxOrgFigure))
		}
	}
	if s := o.Snapshot; s != nil {
		for i, f := range s.Limits {
			field := "org.snapshot.limits[" + strconv.Itoa(i) + "]"
			switch lim := c.limitByID[f.Limit]; {
			case lim == nil || lim.OrgLimit == "":
				bad(field, "%q is not a limit an org snapshot reports", short(f.Limit))
			case f.Max < 0 || f.Remaining < 0 || f.Remaining > f.Max || f.Max > maxOrgFigure:
				bad(field, "max and remaining must be whole numbers with remaining at most max")
			}
		}
	}
	return ps.err()
}

// AllocationIDs lists the org-wide allocations (the limits an org may buy more of) in the
// knowledge base's order.
func (c *Catalog) AllocationIDs() []string {
	var ids []string
	for _, l := range c.Limits {
		if l.Allocation() {
			ids = append(ids, l.ID)
		}
	}
	return ids
}
