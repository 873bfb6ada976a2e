// Package tui is casia's dashboard: a Bubble Tea v2 program over a
// read-only *model.Dataset, one per session (local or SSH).
//
// The root Model (root.go) owns the window, the tabs and the overlays. It
// routes each message in three steps: an open overlay or the focused
// filter box first, then the global keys, then the active tab. Tabs are
// components (component.go): a small interface every tab implements, plus
// optional ones for what only some tabs do (filter, sort, panes). Every
// component shares one session context (context.go: dataset, styles,
// keymap, options) and nothing is package-level mutable state, so any
// number of sessions can run in one process.
//
// Every view renders exactly the size it is given; layout.go is the only
// place lines are padded or cut.
package tui
