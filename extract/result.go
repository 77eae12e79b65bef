package extract

// Entity types. Every entity has exactly one.
const (
	Person       = "Person"
	Organization = "Organization"
	Place        = "Place"
	Event        = "Event"
)

// Relation types, a closed list.
const (
	HoldsRole       = "HOLDS_ROLE"
	SpokespersonFor = "SPOKESPERSON_FOR"
	MemberOf        = "MEMBER_OF"
	PartOf          = "PART_OF"
	ParticipatedIn  = "PARTICIPATED_IN"
	OccurredIn      = "OCCURRED_IN"
	CoMentioned     = "CO_MENTIONED"
	RenamedTo       = "RENAMED_TO"
)

// Result is what extraction yields for one article: one line of `kg extract`.
// Its JSON form is a stable contract pinned by a golden test.
type Result struct {
	Article   ArticleMeta `json:"article"`
	Sentences []Sentence  `json:"sentences"`
	Entities  []Entity    `json:"entities"`
	Relations []Relation  `json:"relations"`
}

// ArticleMeta describes the article a Result came from.
type ArticleMeta struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
	// ContentHash is the hex SHA-256 of the article text and metadata; a
	// reload skips an article whose hash is unchanged.
	ContentHash string `json:"contentHash"`
}

// Sentence is a span of the article text. Offsets are Unicode code points
// into the text as read (BOM removed), end exclusive.
type Sentence struct {
	Index int    `json:"index"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is one real-world entity as seen in one article. ID is the id of its
// node in the graph and is the same in every article.
type Entity struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"`
	Name     string    `json:"name"`
	NameEn   string    `json:"nameEn,omitempty"`
	Wikidata string    `json:"wikidata,omitempty"`
	Aliases  []string  `json:"aliases"`
	Mentions []Mention `json:"mentions"`
	// Event-only fields.
	EventType string `json:"eventType,omitempty"`
	Date      string `json:"date,omitempty"`
	Evidence  int    `json:"evidence,omitempty"`
}

// Mention is one occurrence of an entity: Text is exactly the code-point
// slice [Start, End) of the article text, inside sentence Sentence.
type Mention struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Sentence int    `json:"sentence"`
}

// Relation is a typed edge between two entities of the same article, with
// the sentence it was read from.
type Relation struct {
	Type     string         `json:"type"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Props    map[string]any `json:"props"`
	Sentence int            `json:"sentence"`
}
