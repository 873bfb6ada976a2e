package tui

import (
	"sync"

	"casia/model"
)

// Record panes are the costliest part of a frame, and every session over
// a dataset lays out the same records at a handful of widths. A pane as
// browsed (no filter to underline, no link focused) depends only on the
// record, the width, the styles and the day plans are judged against, so
// sessions share it: one SSH session lays a record out, the others reuse
// the lines. Panes are read-only once cached.

// maxSharedDocs bounds the cache; when full it starts again, which costs
// one layout per pane shown.
const maxSharedDocs = 2048

type docCacheKey struct {
	st    *Styles
	today model.Date
}

type docKey struct {
	ref    model.Ref
	w      int
	summit bool // laid out by composeSummit, in two columns
}

type docEntry struct {
	lines []string
	links []link
}

type docCache struct {
	mu sync.Mutex
	m  map[docKey]docEntry
}

// docs is the shared pane cache for the session's styles and day.
func (c *ctx) docs() *docCache {
	return c.ds.Shared(docCacheKey{c.st, c.today}, func() any {
		return &docCache{m: map[docKey]docEntry{}}
	}).(*docCache)
}

func (dc *docCache) get(k docKey) (docEntry, bool) {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	e, ok := dc.m[k]
	return e, ok
}

func (dc *docCache) put(k docKey, e docEntry) {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	if len(dc.m) >= maxSharedDocs {
		clear(dc.m)
	}
	dc.m[k] = e
}

// footnoteCacheKey names the dataset's shared footnote numbers.
type footnoteCacheKey struct{}

// footnoteCache holds each record's footnote numbers, computed once per
// dataset: they depend on nothing but the record.
type footnoteCache struct{ m sync.Map } // model.Ref → *model.Footnotes
