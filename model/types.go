// Package model holds casia's domain: the dataset's types, strict loading and
// validation, sanitising, search and queries. It has no terminal or Bubble Tea
// dependency so that the CLI, the TUI and the SSH server share one
// implementation of every question they ask of the data.
package model

// Dataset is everything casia knows. It is built once by Load, never mutated
// afterwards, and shared read-only by every view and session.
type Dataset struct {
	Meta         Meta          `yaml:"meta" json:"meta" casia:"req"`
	Summit       Summit        `yaml:"summit,omitempty" json:"summit,omitzero"`
	Countries    []Country     `yaml:"countries" json:"countries"`
	Partnerships []Partnership `yaml:"partnerships" json:"partnerships"`
	Projects     []Project     `yaml:"projects" json:"projects"`
	Events       []Event       `yaml:"events" json:"events"`
	Sources      []Source      `yaml:"sources" json:"sources"`

	// Derived at load time; never serialised.
	idx *index
}

// Meta describes the dataset as a whole so users can tell how current it is.
type Meta struct {
	Title       string   `yaml:"title" json:"title" casia:"req"`
	Description string   `yaml:"description,omitempty" json:"description,omitempty" casia:"text"`
	AsOf        Date     `yaml:"as_of" json:"as_of" casia:"req"`
	Updated     Date     `yaml:"updated,omitempty" json:"updated,omitempty"`
	Notes       []string `yaml:"notes,omitempty" json:"notes,omitempty" casia:"text"`
}

// Confidence carries the research status of a fact, so a single-source or
// conflicting figure is never shown with the weight of a verified one.
type Confidence string

// The confidence levels of the research sheet. Unverified facts are not
// carried at all.
const (
	Verified     Confidence = "verified"
	SingleSource Confidence = "single-source"
	Conflicting  Confidence = "conflicting"
	Derived      Confidence = "derived"
)

// Symbol marks the status with a glyph, so it survives NO_COLOR,
// monochrome terminals and plain text: ✓ verified, ¹ single source,
// ≠ sources disagree, ≈ derived.
func (c Confidence) Symbol() string {
	switch c {
	case Verified:
		return "✓"
	case SingleSource:
		return "¹"
	case Conflicting:
		return "≠"
	case Derived:
		return "≈"
	}
	return "?"
}

// Figure is a sourced number with its unit and reference period. Units come
// from a fixed table (see units.go) so figures can be compared and charted.
// Checked is when a newer figure was last searched for and not found, so an
// old statistic that is still the latest is not mistaken for a stale one.
type Figure struct {
	Value      float64    `yaml:"value" json:"value" casia:"req"`
	Unit       string     `yaml:"unit" json:"unit" casia:"req"`
	Year       int        `yaml:"year,omitempty" json:"year,omitempty"`
	Date       Date       `yaml:"date,omitempty" json:"date,omitempty"`
	Approx     bool       `yaml:"approx,omitempty" json:"approx,omitempty"`
	Checked    Date       `yaml:"checked,omitempty" json:"checked,omitempty"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Stat is a labelled figure, used for the summit's headline numbers.
type Stat struct {
	Label  string `yaml:"label" json:"label" casia:"req"`
	Figure `yaml:",inline" json:",inline"`
}

// Fact is a sourced statement in prose: an outcome, a principle, a caveat.
type Fact struct {
	Text       string     `yaml:"text" json:"text" casia:"req,text"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Milestone is a dated step in the life of a project or format. Planned
// milestones are expectations, not facts that happened. Checked is when the
// outcome of a planned step whose date has passed was last looked for in
// vain, so a reader sees "outcome not found as of" instead of a stale plan.
type Milestone struct {
	Date       Date       `yaml:"date" json:"date" casia:"req"`
	End        Date       `yaml:"end,omitempty" json:"end,omitempty"`
	Text       string     `yaml:"text" json:"text" casia:"req,text"`
	Planned    bool       `yaml:"planned,omitempty" json:"planned,omitempty"`
	Checked    Date       `yaml:"checked,omitempty" json:"checked,omitempty"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Place is a named point located with a public gazetteer.
type Place struct {
	Name    string   `yaml:"name" json:"name" casia:"req"`
	Lon     float64  `yaml:"lon" json:"lon" casia:"req"`
	Lat     float64  `yaml:"lat" json:"lat" casia:"req"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources []string `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Summit is the 2nd China–Central Asia Summit, the reason casia exists.
type Summit struct {
	ID           string    `yaml:"id" json:"id" casia:"req,id"`
	Name         string    `yaml:"name" json:"name" casia:"req"`
	AltNames     []string  `yaml:"alt_names,omitempty" json:"alt_names,omitempty"`
	Edition      int       `yaml:"edition" json:"edition" casia:"req"`
	Date         Date      `yaml:"date" json:"date" casia:"req"`
	End          Date      `yaml:"end,omitempty" json:"end,omitempty"`
	City         string    `yaml:"city" json:"city" casia:"req"`
	Country      string    `yaml:"country" json:"country" casia:"req,country"`
	Venue        string    `yaml:"venue" json:"venue" casia:"req"`
	Host         string    `yaml:"host" json:"host" casia:"req,country"`
	Participants []string  `yaml:"participants" json:"participants" casia:"req,country"`
	Summary      string    `yaml:"summary" json:"summary" casia:"req,text"`
	Treaty       Treaty    `yaml:"treaty" json:"treaty" casia:"req"`
	Documents    []Fact    `yaml:"documents" json:"documents"`
	Outcomes     []Fact    `yaml:"outcomes" json:"outcomes"`
	Quotes       []Quote   `yaml:"quotes,omitempty" json:"quotes,omitempty"`
	Figures      []Stat    `yaml:"figures,omitempty" json:"figures,omitempty"`
	TradeHistory []Figure  `yaml:"trade_history,omitempty" json:"trade_history,omitempty"`
	Context      []Fact    `yaml:"context,omitempty" json:"context,omitempty"`
	History      []Meeting `yaml:"history,omitempty" json:"history,omitempty"`
	Sources      []string  `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Treaty is the Treaty on Eternal Good-Neighbourliness, Friendship and
// Cooperation signed at the summit.
type Treaty struct {
	Name        string   `yaml:"name" json:"name" casia:"req"`
	AltNames    []string `yaml:"alt_names,omitempty" json:"alt_names,omitempty"`
	Signed      Date     `yaml:"signed" json:"signed" casia:"req"`
	Signatories []string `yaml:"signatories" json:"signatories" casia:"req,country"`
	Articles    *Figure  `yaml:"articles,omitempty" json:"articles,omitempty"`
	Principles  []Fact   `yaml:"principles,omitempty" json:"principles,omitempty"`
	Notes       []Fact   `yaml:"notes,omitempty" json:"notes,omitempty"`
	Sources     []string `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Quote is a reported utterance with the channel it reached us through.
type Quote struct {
	Text       string     `yaml:"text" json:"text" casia:"req,text"`
	Speaker    string     `yaml:"speaker" json:"speaker" casia:"req"`
	Via        string     `yaml:"via,omitempty" json:"via,omitempty"`
	Date       Date       `yaml:"date,omitempty" json:"date,omitempty"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Meeting is a dated gathering: a summit, a ministerial, a forum. Planned
// and Checked mean what they mean on a Milestone.
type Meeting struct {
	Date       Date       `yaml:"date" json:"date" casia:"req"`
	End        Date       `yaml:"end,omitempty" json:"end,omitempty"`
	Place      string     `yaml:"place,omitempty" json:"place,omitempty"`
	Text       string     `yaml:"text" json:"text" casia:"req,text"`
	Planned    bool       `yaml:"planned,omitempty" json:"planned,omitempty"`
	Checked    Date       `yaml:"checked,omitempty" json:"checked,omitempty"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Names are every name a country goes by, so search finds it however the
// user spells it.
type Names struct {
	Common      string   `yaml:"common" json:"common" casia:"req"`
	Official    string   `yaml:"official" json:"official"`
	Native      string   `yaml:"native" json:"native"`
	NativeLatin string   `yaml:"native_latin,omitempty" json:"native_latin,omitempty"`
	Russian     string   `yaml:"ru" json:"ru"`
	Chinese     string   `yaml:"zh" json:"zh"`
	Aliases     []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Sources     []string `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Leader is a head of state at the dataset's reference date.
type Leader struct {
	Name       string     `yaml:"name" json:"name" casia:"req"`
	Title      string     `yaml:"title" json:"title" casia:"req"`
	Since      Date       `yaml:"since" json:"since" casia:"req"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Currency is a national currency with its ISO 4217 code.
type Currency struct {
	Name string `yaml:"name" json:"name" casia:"req"`
	Code string `yaml:"code" json:"code" casia:"req"`
}

// Country is one of the six signatory states.
type Country struct {
	ID             string       `yaml:"id" json:"id" casia:"req,id"`
	ISO3           string       `yaml:"iso3,omitempty" json:"iso3,omitempty"`
	Names          Names        `yaml:"names" json:"names" casia:"req"`
	Capital        *Place       `yaml:"capital,omitempty" json:"capital,omitempty"`
	Currency       *Currency    `yaml:"currency,omitempty" json:"currency,omitempty"`
	Leader         *Leader      `yaml:"leader,omitempty" json:"leader,omitempty"`
	Population     *Figure      `yaml:"population,omitempty" json:"population,omitempty"`
	Area           *Figure      `yaml:"area,omitempty" json:"area,omitempty"`
	GDP            *Figure      `yaml:"gdp,omitempty" json:"gdp,omitempty"`
	GDPPerCapita   *Figure      `yaml:"gdp_per_capita,omitempty" json:"gdp_per_capita,omitempty"`
	TradeWithChina *Figure      `yaml:"trade_with_china,omitempty" json:"trade_with_china,omitempty"`
	TradeHistory   []Figure     `yaml:"trade_history,omitempty" json:"trade_history,omitempty"`
	Independence   *Milestone   `yaml:"independence,omitempty" json:"independence,omitempty"`
	Memberships    []Membership `yaml:"memberships,omitempty" json:"memberships,omitempty"`
	Summary        string       `yaml:"summary,omitempty" json:"summary,omitempty" casia:"text"`
	Notes          []Fact       `yaml:"notes,omitempty" json:"notes,omitempty"`
	Sources        []string     `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Org is a regional or international body the six states belong to; the
// closed list keeps memberships comparable across states.
type Org string

// Organisations with members among the six states.
const (
	OrgSCO   Org = "sco"   // Shanghai Cooperation Organisation
	OrgEAEU  Org = "eaeu"  // Eurasian Economic Union
	OrgCSTO  Org = "csto"  // Collective Security Treaty Organization
	OrgOTS   Org = "ots"   // Organization of Turkic States (Turkic Council)
	OrgCAREC Org = "carec" // Central Asia Regional Economic Cooperation Program
	OrgCIS   Org = "cis"   // Commonwealth of Independent States
	OrgWTO   Org = "wto"   // World Trade Organization
)

// Name is the body's full English name, for display.
func (o Org) Name() string {
	switch o {
	case OrgSCO:
		return "Shanghai Cooperation Organisation"
	case OrgEAEU:
		return "Eurasian Economic Union"
	case OrgCSTO:
		return "Collective Security Treaty Organization"
	case OrgOTS:
		return "Organization of Turkic States"
	case OrgCAREC:
		return "Central Asia Regional Economic Cooperation Program"
	case OrgCIS:
		return "Commonwealth of Independent States"
	case OrgWTO:
		return "World Trade Organization"
	}
	return string(o)
}

// Role is how a state takes part in an organisation.
type Role string

// Roles in an organisation.
const (
	Member          Role = "member"
	Observer        Role = "observer"
	DialoguePartner Role = "dialogue-partner"
)

// Membership is a state's place in a regional or international body, dated
// so a reader sees who joined when (and who left).
type Membership struct {
	Org        Org        `yaml:"org" json:"org" casia:"req"`
	Role       Role       `yaml:"role" json:"role" casia:"req"`
	Since      Date       `yaml:"since" json:"since" casia:"req"`
	Until      Date       `yaml:"until,omitempty" json:"until,omitempty"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// Partnership is a "C5+X" dialogue format between the Central Asian states
// and an outside partner.
type Partnership struct {
	ID             string     `yaml:"id" json:"id" casia:"req,id"`
	Partner        string     `yaml:"partner" json:"partner" casia:"req"`
	PartnerAliases []string   `yaml:"partner_aliases,omitempty" json:"partner_aliases,omitempty"`
	Format         string     `yaml:"format" json:"format" casia:"req"`
	Launched       *Milestone `yaml:"launched,omitempty" json:"launched,omitempty"`
	FirstSummit    *Meeting   `yaml:"first_summit,omitempty" json:"first_summit,omitempty"`
	LatestMeeting  *Meeting   `yaml:"latest_meeting,omitempty" json:"latest_meeting,omitempty"`
	NextMeeting    *Meeting   `yaml:"next_meeting,omitempty" json:"next_meeting,omitempty"`
	Meetings       []Meeting  `yaml:"meetings,omitempty" json:"meetings,omitempty"`
	Members        []string   `yaml:"members" json:"members" casia:"req,country"`
	Observers      []string   `yaml:"observers,omitempty" json:"observers,omitempty" casia:"country"`
	Topics         []string   `yaml:"topics" json:"topics"`
	Summary        string     `yaml:"summary" json:"summary" casia:"req,text"`
	Caveat         string     `yaml:"caveat,omitempty" json:"caveat,omitempty" casia:"text"`
	Confidence     Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Sources        []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// ProjectKind groups projects the way users scan them.
type ProjectKind string

// Project kinds.
const (
	Rail      ProjectKind = "rail"
	Road      ProjectKind = "road"
	Pipeline  ProjectKind = "pipeline"
	Power     ProjectKind = "power"
	Logistics ProjectKind = "logistics"
	Digital   ProjectKind = "digital"
	Industry  ProjectKind = "industry"
)

// ProjectStatus is where a project stands at the dataset's reference date.
type ProjectStatus string

// Project statuses.
const (
	Proposed          ProjectStatus = "proposed"
	Preparatory       ProjectStatus = "preparatory" // design, site works or financing; main works not begun
	UnderConstruction ProjectStatus = "under construction"
	Operating         ProjectStatus = "operating"
	Stalled           ProjectStatus = "stalled"
)

// Project is an infrastructure or energy project that ties the region
// together.
type Project struct {
	ID             string        `yaml:"id" json:"id" casia:"req,id"`
	Name           string        `yaml:"name" json:"name" casia:"req"`
	AltNames       []string      `yaml:"alt_names,omitempty" json:"alt_names,omitempty"`
	Kind           ProjectKind   `yaml:"kind" json:"kind" casia:"req"`
	Commodity      string        `yaml:"commodity,omitempty" json:"commodity,omitempty"`
	Countries      []string      `yaml:"countries" json:"countries" casia:"req,country"`
	OtherCountries []string      `yaml:"other_countries,omitempty" json:"other_countries,omitempty"`
	Partners       []string      `yaml:"partners,omitempty" json:"partners,omitempty"`
	Length         *Figure       `yaml:"length,omitempty" json:"length,omitempty"`
	Capacity       *Figure       `yaml:"capacity,omitempty" json:"capacity,omitempty"`
	Cost           *Figure       `yaml:"cost,omitempty" json:"cost,omitempty"`
	Financing      string        `yaml:"financing,omitempty" json:"financing,omitempty" casia:"text"`
	Status         ProjectStatus `yaml:"status" json:"status" casia:"req"`
	StatusNote     string        `yaml:"status_note,omitempty" json:"status_note,omitempty" casia:"text"`
	Milestones     []Milestone   `yaml:"milestones" json:"milestones"`
	Route          []Place       `yaml:"route,omitempty" json:"route,omitempty"`
	Summary        string        `yaml:"summary" json:"summary" casia:"req,text"`
	Notes          []Fact        `yaml:"notes,omitempty" json:"notes,omitempty"`
	Sources        []string      `yaml:"sources" json:"sources" casia:"req,sources"`
}

// EventKind lets the timeline mark events by symbol as well as colour.
type EventKind string

// Event kinds.
const (
	Independence   EventKind = "independence"
	Diplomacy      EventKind = "diplomacy"
	SummitEvent    EventKind = "summit"
	Organisation   EventKind = "organisation"
	Infrastructure EventKind = "infrastructure"
	Initiative     EventKind = "initiative"
)

// Event is one entry of the 1991–2025 timeline.
type Event struct {
	ID         string     `yaml:"id" json:"id" casia:"req,id"`
	Date       Date       `yaml:"date" json:"date" casia:"req"`
	End        Date       `yaml:"end,omitempty" json:"end,omitempty"`
	Title      string     `yaml:"title" json:"title" casia:"req"`
	Kind       EventKind  `yaml:"kind" json:"kind" casia:"req"`
	Countries  []string   `yaml:"countries,omitempty" json:"countries,omitempty" casia:"country"`
	Summary    string     `yaml:"summary" json:"summary" casia:"req,text"`
	Confidence Confidence `yaml:"confidence" json:"confidence" casia:"req"`
	Note       string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
	Sources    []string   `yaml:"sources" json:"sources" casia:"req,sources"`
}

// SourceTier is the weight the research gives a publisher.
type SourceTier string

// Source tiers, from the research sheet's source-quality notes.
const (
	Official  SourceTier = "official"
	Press     SourceTier = "press"
	Reference SourceTier = "reference"
	Secondary SourceTier = "secondary"
	DataSet   SourceTier = "dataset"
)

// Source is a public document a fact rests on.
type Source struct {
	ID        string     `yaml:"id" json:"id" casia:"req,id"`
	Title     string     `yaml:"title" json:"title" casia:"req"`
	Publisher string     `yaml:"publisher" json:"publisher" casia:"req"`
	Date      Date       `yaml:"date,omitempty" json:"date,omitempty"`
	URL       string     `yaml:"url" json:"url" casia:"req"`
	Tier      SourceTier `yaml:"tier" json:"tier" casia:"req"`
	Note      string     `yaml:"note,omitempty" json:"note,omitempty" casia:"text"`
}
