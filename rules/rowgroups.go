package rules

// Per-mechanism rules (each_mechanism) judge a mechanism by its tightest capacity rows. The rows
// are grouped by what they measure, each group with its own variables: every row at 1× and at
// the stress scale (verdict_1x, worst_share_10x…, kept for organisations' own rules), the walls
// (wall_verdict…), the budgets at each scale (budget_verdict_1x, budget_remedy_10x…) and the
// windows (window_verdict…).
type rowGroup int

const (
	groupAll1 rowGroup = iota
	groupAllX
	groupWall
	groupBudget1
	groupBudgetX
	groupWindow
	groupCount
)

// The fields of a group's row that rules and sentences can read.
const (
	fieldVerdict = iota
	fieldLimit
	fieldUnit
	fieldUsage
	fieldAllocation
	fieldShare
	fieldRemedy
	fieldCount
)

// rowVarNames names each group's variables; "" where a group has no such field.
var rowVarNames = [groupCount][fieldCount]string{
	{"verdict_1x", "worst_limit_1x", "worst_unit_1x", "worst_usage_1x", "worst_allocation_1x", "worst_share_1x", ""},
	{"verdict_10x", "worst_limit_10x", "worst_unit_10x", "worst_usage_10x", "worst_allocation_10x", "worst_share_10x", ""},
	{"wall_verdict", "wall_limit", "wall_unit", "wall_usage", "wall_allocation", "wall_share", ""},
	{"budget_verdict_1x", "budget_limit_1x", "budget_unit_1x", "budget_usage_1x", "budget_allocation_1x", "budget_share_1x", "budget_remedy_1x"},
	{"budget_verdict_10x", "budget_limit_10x", "budget_unit_10x", "budget_usage_10x", "budget_allocation_10x", "budget_share_10x", "budget_remedy_10x"},
	{"window_verdict", "window_limit", "window_unit", "window_usage", "window_allocation", "window_share", "window_remedy"},
}

// scale is the volume scale a group reads: 0 for the stated volume, 1 for the stress test.
func (g rowGroup) scale() int {
	if g == groupAllX || g == groupBudgetX {
		return 1
	}
	return 0
}

// kind is the limit kind a group selects from, or "" for every row.
func (g rowGroup) kind() string {
	switch g {
	case groupWall:
		return KindWall
	case groupBudget1, groupBudgetX:
		return KindBudget
	case groupWindow:
		return KindWindow
	default: // groupAll1 and groupAllX read every row
		return ""
	}
}

// eachMechanismVars are the variables an each_mechanism rule sees besides the answers and facts,
// with a sample value of each one's type.
func eachMechanismVars() map[string]any {
	vars := map[string]any{"mechanism": "", "mechanism_name": ""}
	for _, names := range rowVarNames {
		for f, name := range names {
			switch {
			case name == "":
			case f == fieldUsage || f == fieldAllocation || f == fieldShare:
				vars[name] = 0.0
			default:
				vars[name] = ""
			}
		}
	}
	return vars
}

// rowField locates a per-mechanism variable: its group and field.
type rowField struct {
	group rowGroup
	field int
}

// rowFieldOf returns where a variable name points among the per-mechanism figures, or nil. The
// verdicts are not figures: they are always in the environment.
func rowFieldOf(name string) *rowField {
	for g, names := range rowVarNames {
		for f, n := range names {
			if n == name && f != fieldVerdict {
				return &rowField{group: rowGroup(g), field: f}
			}
		}
	}
	return nil
}

// mechRows are one mechanism's tightest rows, one per group (nil when it has none of that
// kind), and the budget points each budget group costs.
type mechRows struct {
	row    [groupCount]*CapacityRow
	points [2]float64 // budget points at the stated volume and at the stress scale
}

// figures returns a group's row figures at the group's scale.
func (w *mechRows) figures(g rowGroup) (usage, share float64) {
	r := w.row[g]
	switch {
	case r == nil:
		return 0, 0
	case g.scale() == 1:
		return r.Usage10x, r.Share10x
	}
	return r.Usage1x, r.Share1x
}

// remedy returns the sentence of the remedies for a group's row at the group's scale ("" when
// there is no row or no remedy applies); it is written on first use.
func (w *mechRows) remedy(g rowGroup) string {
	if w.row[g] == nil {
		return ""
	}
	return w.row[g].remedySentence(g.scale())
}

// tighter reports whether row a is tighter than row b for a group: budgets by the points they
// cost (a cheap remedy makes a row less pressing), everything else by share; ties keep b, the
// row listed first.
func tighter(g rowGroup, a, b *CapacityRow) bool {
	s := g.scale()
	sa, sb := a.Share1x, b.Share1x
	if s == 1 {
		sa, sb = a.Share10x, b.Share10x
	}
	if g.kind() == KindBudget && a.points[s] != b.points[s] {
		return a.points[s] > b.points[s]
	}
	return sa > sb
}
