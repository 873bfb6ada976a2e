package model

// PlanStatus says in words where a planned milestone or meeting stands on
// a given day, so a reader never takes a stale plan for a fresh one:
//
//	""                                                         not planned
//	"planned"                                                  still ahead
//	"planned Sep 2026 · overdue"                               passed, outcome unrecorded
//	"planned Sep 2026 · outcome not found as of 27 Nov 2026"   passed, searched for in vain
//
// A plan is overdue once the whole period its date names has passed (a
// plan for September is overdue in October). A Checked date before the
// plan's own date is an old search and does not count.
func PlanStatus(when Date, planned bool, checked Date, today Date) string {
	if !planned {
		return ""
	}
	if !when.Valid() || !today.Valid() || when.last() >= today {
		return "planned"
	}
	s := "planned " + when.Human()
	if checked.Valid() && checked >= when {
		return s + " · outcome not found as of " + checked.Human()
	}
	return s + " · overdue"
}
