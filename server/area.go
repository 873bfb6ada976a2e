package server

import (
	"math"
	"slices"
	"sync"
)

// A dashboard's memory and rendering time grow with its area. areas shares
// Limits.AreaBudget cells between the dashboards: each gets its
// terminal's size, scaled down to at most Limits.MaxArea cells; while they
// would need more than the budget together, the largest are scaled down to
// a common level (water-filling), which is never below an equal share of
// the budget. When a dashboard ends or shrinks, the others grow back.
type areas struct {
	maxArea, budget int

	mu     sync.Mutex
	claims map[*areaClaim]struct{}
	used   int // cells granted
}

type areaClaim struct {
	a          *areas
	reqW, reqH int // asked for, clamped to maxWidth×maxHeight
	w, h       int // granted
	changed    func()
}

func newAreas(maxArea, budget int) *areas {
	return &areas{maxArea: maxArea, budget: budget, claims: map[*areaClaim]struct{}{}}
}

// join adds a dashboard of w×h; changed is called (without blocking) when
// another dashboard's arrival, departure or resize changes its grant.
func (a *areas) join(w, h int, changed func()) *areaClaim {
	c := &areaClaim{a: a, changed: changed}
	a.mu.Lock()
	defer a.mu.Unlock()
	c.reqW, c.reqH = clampSize(w, h)
	a.claims[c] = struct{}{}
	a.rebalance(c)
	return c
}

// resize asks for w×h and returns the size granted.
func (c *areaClaim) resize(w, h int) (int, int) {
	a := c.a
	a.mu.Lock()
	defer a.mu.Unlock()
	w, h = clampSize(w, h)
	if w != c.reqW || h != c.reqH {
		c.reqW, c.reqH = w, h
		a.rebalance(c)
	}
	return c.w, c.h
}

// size is the size granted.
func (c *areaClaim) size() (int, int) {
	c.a.mu.Lock()
	defer c.a.mu.Unlock()
	return c.w, c.h
}

func (c *areaClaim) leave() {
	a := c.a
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.claims, c)
	a.rebalance(nil)
}

// cells is the area granted to all dashboards.
func (a *areas) cells() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.used
}

// rebalance recomputes every grant; the claims whose size changed, except
// self (whose caller reads its grant), are told.
func (a *areas) rebalance(self *areaClaim) {
	type req struct {
		c    *areaClaim
		area int
	}
	reqs := make([]req, 0, len(a.claims))
	total := 0
	for c := range a.claims {
		r := min(c.reqW*c.reqH, a.maxArea)
		reqs = append(reqs, req{c, r})
		total += r
	}
	level := a.maxArea
	if total > a.budget {
		// The level at which the requests, each capped at it, fill the
		// budget; rounded down to 1% of a share so that arrivals and
		// departures do not resize everyone by a cell.
		slices.SortFunc(reqs, func(x, y req) int { return x.area - y.area })
		left := a.budget
		for i, r := range reqs {
			share := left / (len(reqs) - i)
			if r.area > share {
				level = share
				break
			}
			left -= r.area
		}
		if q := max(a.budget/max(len(a.claims), 1)/100, 1); level > q {
			level -= level % q
		}
	}
	a.used = 0
	for _, r := range reqs {
		w, h := fit(r.c.reqW, r.c.reqH, min(r.area, level))
		if (w != r.c.w || h != r.c.h) && r.c != self && r.c.w != 0 && r.c.changed != nil {
			r.c.changed()
		}
		r.c.w, r.c.h = w, h
		a.used += w * h
	}
}

// fit scales w×h down, keeping its shape, to at most area cells.
func fit(w, h, area int) (int, int) {
	if w*h <= area {
		return w, h
	}
	f := math.Sqrt(float64(area) / float64(w*h))
	w2, h2 := max(int(float64(w)*f), 1), max(int(float64(h)*f), 1)
	for w2*h2 > area { // only when one side was raised to 1
		if w2 > h2 {
			w2--
		} else {
			h2--
		}
	}
	return w2, h2
}
