package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/tazala/tazala"
)

// Identifier is what a customer gives to be found: an IIN, a phone number
// or an e-mail address. The value goes to the tokenizer only.
type Identifier struct {
	Kind  tazala.Kind
	Value []byte
}

// SubjectToken is one token attributed to a subject, and how it was found.
type SubjectToken struct {
	Token    string `json:"token"`
	Kind     string `json:"kind"`
	Category string `json:"category"`
	// Via says how the token was linked: "given" for the identifiers the
	// customer gave, else "record SOURCE/PARTITION/OFFSET with tk_…".
	Via string `json:"via"`
}

// Subject is a person as the store knows them: the tokens of the
// identifiers they gave, linked to the other tokens found in the same
// records (the IIN, e-mail and phone of one payment).
type Subject struct {
	// ID is the subject's main token: their IIN's token if known, else the
	// first identifier given.
	ID     string         `json:"subject"`
	Tokens []SubjectToken `json:"tokens"`
	// Shared lists tokens seen in the subject's records that also appear
	// with many other subjects (a merchant's e-mail, a test card): shown,
	// not attributed to the subject, not followed.
	Shared []SubjectToken `json:"shared,omitempty"`
}

// IDs returns the subject's tokens.
func (s *Subject) IDs() []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.Token
	}
	return out
}

// MaxLinkRounds bounds how far links are followed (identifier → records →
// identifiers → records ...).
const MaxLinkRounds = 3

// MaxSubjectsPerToken: a token that appears in records of more distinct
// record subjects than this is shared, not the customer's own.
const MaxSubjectsPerToken = 3

// linkKinds are the kinds that identify a person and are followed.
var linkKinds = map[string]bool{"iin": true, "phone": true, "email": true}

// Resolve finds the subject of the given identifiers: tokenizes them and
// links them to the other tokens in the same records.
func (e *Engine) Resolve(ctx context.Context, ids []Identifier) (*Subject, error) {
	if len(ids) == 0 {
		return nil, errors.New("policy: resolve: give at least one identifier (IIN, phone or e-mail)")
	}
	if e.tk == nil {
		return nil, errors.New("policy: resolve: no tokenizer configured")
	}
	reqs := make([]tazala.TokenRequest, len(ids))
	for i, id := range ids {
		switch id.Kind {
		case tazala.KindIIN, tazala.KindPhone, tazala.KindEmail:
		default:
			return nil, fmt.Errorf("policy: resolve: identifier %d: kind %s cannot address a subject (want iin, phone or email)", i, id.Kind)
		}
		if len(id.Value) == 0 {
			return nil, fmt.Errorf("policy: resolve: identifier %d (%s) is empty", i, id.Kind)
		}
		reqs[i] = tazala.TokenRequest{Kind: id.Kind, Value: id.Value}
	}
	toks, err := e.tk.Tokenize(ctx, reqs)
	if err != nil {
		return nil, fmt.Errorf("policy: resolve: tokenize: %w", err)
	}
	s := &Subject{}
	known := map[string]bool{}
	var frontier []string
	for i, t := range toks {
		if t.ID == "" || known[t.ID] {
			continue
		}
		known[t.ID] = true
		s.Tokens = append(s.Tokens, SubjectToken{Token: t.ID, Kind: ids[i].Kind.String(), Category: e.category(ids[i].Kind.String()), Via: "given"})
		frontier = append(frontier, t.ID)
	}
	idx, err := e.latestIndex(ctx)
	if err != nil {
		return nil, err
	}
	if err := e.link(ctx, s, known, frontier, idx); err != nil {
		return nil, err
	}
	s.ID = s.Tokens[0].Token
	for _, t := range s.Tokens {
		if t.Kind == "iin" {
			s.ID = t.Token
			break
		}
	}
	return s, nil
}

// SubjectOf returns the subject of a token directly (for a caller that
// already holds a token, e.g. from a report).
func (e *Engine) SubjectOf(ctx context.Context, token, kind string) (*Subject, error) {
	s := &Subject{Tokens: []SubjectToken{{Token: token, Kind: kind, Category: e.category(kind), Via: "given"}}}
	idx, err := e.latestIndex(ctx)
	if err != nil {
		return nil, err
	}
	if err := e.link(ctx, s, map[string]bool{token: true}, []string{token}, idx); err != nil {
		return nil, err
	}
	s.ID = token
	for _, t := range s.Tokens {
		if t.Kind == "iin" {
			s.ID = t.Token
			break
		}
	}
	return s, nil
}

func (e *Engine) category(kind string) string {
	k, err := tazala.ParseKind(kind)
	if err != nil {
		return ""
	}
	return e.p.CategoryOf(k)
}

type indexRow struct {
	Token     string `json:"token"`
	Kind      string `json:"kind"`
	Subject   string `json:"subject"`
	Source    string `json:"source"`
	Partition int32  `json:"partition"`
	Offset    count  `json:"offset"`
}

func (r indexRow) key() recordKey { return recordKey{r.Source, r.Partition, r.Offset} }

// withEarlierScans returns s with the tokens that index rows of earlier
// scans attribute to it (pii_index rather than pii_index_v): rows of a
// record the earlier scan said was about the subject (its subject is one
// of s's tokens), which a rescan of the changed record no longer shows.
// Only such rows are followed: a rescanned record may be about someone
// else now, and linking through all of its rows would take that person's
// values for the subject's. A value shared with other subjects is left
// out, as in Resolve. Erasure uses it, so it deletes those rows and
// ledgers those tokens as well.
func (e *Engine) withEarlierScans(ctx context.Context, s *Subject) (*Subject, error) {
	all := &Subject{ID: s.ID, Tokens: slices.Clone(s.Tokens), Shared: s.Shared}
	if idx, err := e.latestIndex(ctx); err != nil || idx == indexAll {
		return all, err // no scan superseded: no earlier scan's rows
	}
	known := map[string]bool{}
	for _, t := range s.Tokens {
		known[t.Token] = true
	}
	frontier := s.IDs()
	for round := 0; round < MaxLinkRounds && len(frontier) > 0; round++ {
		var rows []indexRow
		err := e.db.Select(ctx, &rows, `SELECT token, kind, subject, source, partition, offset FROM `+indexAll+`
			WHERE token != '' AND `+inList("subject", "toks")+` AND `+staleCond+` ORDER BY token, source, partition, offset LIMIT 1 BY token`, parr("toks", frontier))
		if err != nil {
			return nil, fmt.Errorf("policy: link tokens of earlier scans: %w", err)
		}
		var cands []SubjectToken
		for _, r := range rows {
			if known[r.Token] {
				continue
			}
			cands = append(cands, SubjectToken{Token: r.Token, Kind: r.Kind, Category: e.category(r.Kind),
				Via: fmt.Sprintf("an earlier scan of record %s about %s", r.key(), r.Subject)})
		}
		if len(cands) == 0 {
			break
		}
		accepted, err := e.attribute(ctx, cands, known, indexAll)
		if err != nil {
			return nil, err
		}
		frontier = frontier[:0]
		for _, st := range cands {
			if !accepted[st.Token] {
				continue
			}
			known[st.Token] = true
			all.Tokens = append(all.Tokens, st)
			if linkKinds[st.Kind] {
				frontier = append(frontier, st.Token)
			}
		}
	}
	return all, nil
}

// link follows the tokens of frontier through the records of idx
// (indexLatest or indexAll) and adds the tokens attributed to s.
func (e *Engine) link(ctx context.Context, s *Subject, known map[string]bool, frontier []string, idx string) error {
	pending := map[string]SubjectToken{} // seen with subjects not (yet) known
	for round := 0; round < MaxLinkRounds && len(frontier) > 0; round++ {
		var rows []indexRow
		err := e.db.Select(ctx, &rows, `SELECT token, kind, subject, source, partition, offset FROM `+final(idx)+`
			WHERE token != '' AND (source, partition, offset) IN
				(SELECT source, partition, offset FROM `+idx+` WHERE `+inList("token", "toks")+`)
			ORDER BY source, partition, offset, ordinal`, parr("toks", frontier))
		if err != nil {
			return fmt.Errorf("policy: link tokens: %w", err)
		}
		front := map[string]bool{}
		for _, t := range frontier {
			front[t] = true
		}
		// the frontier token each record was reached through
		via := map[recordKey]string{}
		for _, r := range rows {
			if front[r.Token] && via[r.key()] == "" {
				via[r.key()] = r.Token
			}
		}
		var cands []SubjectToken
		seen := map[string]bool{}
		for _, r := range rows {
			if known[r.Token] || seen[r.Token] {
				continue
			}
			seen[r.Token] = true
			if _, ok := pending[r.Token]; ok {
				cands = append(cands, pending[r.Token])
				continue
			}
			cands = append(cands, SubjectToken{Token: r.Token, Kind: r.Kind, Category: e.category(r.Kind),
				Via: fmt.Sprintf("record %s with %s", r.key(), via[r.key()])})
		}
		for _, st := range pending {
			if !seen[st.Token] {
				cands = append(cands, st)
			}
		}
		if len(cands) == 0 {
			break
		}
		accepted, err := e.attribute(ctx, cands, known, idx)
		if err != nil {
			return err
		}
		frontier = frontier[:0]
		for _, st := range cands {
			if !accepted[st.Token] {
				pending[st.Token] = st
				continue
			}
			delete(pending, st.Token)
			known[st.Token] = true
			s.Tokens = append(s.Tokens, st)
			if linkKinds[st.Kind] {
				frontier = append(frontier, st.Token)
			}
		}
	}
	for _, st := range pending {
		s.Shared = append(s.Shared, st)
	}
	sort.Slice(s.Shared, func(i, j int) bool { return s.Shared[i].Token < s.Shared[j].Token })
	return nil
}

// attribute decides which candidate tokens are the subject's own: a token
// is theirs when every record holding it is about them (the record's
// subject is one of their tokens, a candidate identifier of this round, or
// unknown). A value several people share (a card expiry, a common name, a
// merchant's e-mail) is not attributed: erasing or blocking it would reach
// the others.
func (e *Engine) attribute(ctx context.Context, cands []SubjectToken, known map[string]bool, idx string) (map[string]bool, error) {
	ids := make([]string, len(cands))
	ok := map[string]bool{}
	for i, c := range cands {
		ids[i] = c.Token
		if linkKinds[c.Kind] {
			ok[c.Token] = true
		}
	}
	var rows []struct {
		Token    string   `json:"token"`
		Subjects []string `json:"subjects"`
	}
	err := e.db.Select(ctx, &rows, `SELECT token, groupUniqArray(`+fmt.Sprint(MaxSubjectsPerToken+1)+`)(subject) AS subjects FROM `+idx+`
		WHERE `+inList("token", "toks")+` GROUP BY token`, parr("toks", ids))
	if err != nil {
		return nil, fmt.Errorf("policy: link tokens: %w", err)
	}
	out := map[string]bool{}
	for _, r := range rows {
		own := len(r.Subjects) <= MaxSubjectsPerToken
		for _, sub := range r.Subjects {
			if sub != "" && !known[sub] && !ok[sub] {
				own = false
			}
		}
		out[r.Token] = own
	}
	return out, nil
}
