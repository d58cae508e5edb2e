package rules

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tazala/tazala"
	"go.yaml.in/yaml/v3"
)

// The privacy policy as a file: purposes (categories, legal bases,
// retention), recipients, data categories ↔ finding kinds, and which
// streams or files serve which purpose. Loading is two-staged like the
// user rules: the YAML is decoded strictly into RawPolicy, each entry is
// translated with errors naming the entry and the field, then Validate
// checks the references between entries.

//go:embed policy.yaml
var defaultPolicyYAML []byte

// DefaultPolicyYAML returns the shipped policy file (rules/policy.yaml).
func DefaultPolicyYAML() []byte { return bytes.Clone(defaultPolicyYAML) }

// DefaultPolicy returns the shipped policy, compiled. It is tested, so an
// error here is a build defect.
func DefaultPolicy() *Policy {
	p, err := ParsePolicy(defaultPolicyYAML)
	if err != nil {
		panic("rules: shipped policy.yaml: " + err.Error())
	}
	return p
}

// RawPolicy is the policy file as written.
type RawPolicy struct {
	Version        int            `yaml:"version"`
	Categories     []RawCategory  `yaml:"categories"`
	Bases          []RawBasis     `yaml:"bases"`
	Purposes       []RawPurpose   `yaml:"purposes"`
	Recipients     []RawRecipient `yaml:"recipients"`
	Streams        []RawStream    `yaml:"streams"`
	DefaultPurpose string         `yaml:"default_purpose"`
}

// RawCategory is a data category and the finding kinds that belong to it.
type RawCategory struct {
	ID          string   `yaml:"id"`
	Description string   `yaml:"description"`
	Kinds       []string `yaml:"kinds"`
}

// RawBasis is a legal basis of processing.
type RawBasis struct {
	ID           string `yaml:"id"`
	Description  string `yaml:"description"`
	Withdrawable bool   `yaml:"withdrawable"`
}

// RawRetention says how long data is kept: a period from the event
// ("5y", "18m", "30d", "1y6m"), or until consent is withdrawn.
type RawRetention struct {
	Period    string `yaml:"period"`
	From      string `yaml:"from"`  // "event" (the default): the record's event time, e.g. the payment
	Until     string `yaml:"until"` // "consent_withdrawn"
	Statutory bool   `yaml:"statutory"`
}

// RawPurpose is one purpose of processing.
type RawPurpose struct {
	ID          string       `yaml:"id"`
	Description string       `yaml:"description"`
	Categories  []string     `yaml:"categories"`
	Bases       []string     `yaml:"bases"`
	Retention   RawRetention `yaml:"retention"`
}

// RawRecipient is one recipient of transfers.
type RawRecipient struct {
	ID         string       `yaml:"id"`
	Name       string       `yaml:"name"`
	Purpose    string       `yaml:"purpose"`
	Basis      string       `yaml:"basis"`
	Categories []string     `yaml:"categories"`
	Retention  RawRetention `yaml:"retention"`
}

// RawStream maps streams or files to a purpose.
type RawStream struct {
	Match   string `yaml:"match"`
	Purpose string `yaml:"purpose"`
	Basis   string `yaml:"basis"`
}

// Category is a data category of the policy.
type Category struct {
	ID          string
	Description string
	Kinds       []tazala.Kind
}

// Basis is a legal basis.
type Basis struct {
	ID           string
	Description  string
	Withdrawable bool // ends when the user withdraws consent
}

// Period is a calendar period.
type Period struct{ Years, Months, Days int }

// IsZero reports whether p is empty.
func (p Period) IsZero() bool { return p == Period{} }

// AddTo returns t plus p.
func (p Period) AddTo(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

// SubFrom returns t minus p.
func (p Period) SubFrom(t time.Time) time.Time { return t.AddDate(-p.Years, -p.Months, -p.Days) }

func (p Period) String() string {
	var b strings.Builder
	if p.Years != 0 {
		fmt.Fprintf(&b, "%dy", p.Years)
	}
	if p.Months != 0 {
		fmt.Fprintf(&b, "%dm", p.Months)
	}
	if p.Days != 0 {
		fmt.Fprintf(&b, "%dd", p.Days)
	}
	return b.String()
}

// Retention is a compiled retention rule.
type Retention struct {
	Period         Period // from the event; zero when UntilWithdrawn
	UntilWithdrawn bool   // kept until the user withdraws consent
	// Statutory marks a legal duty to keep the data for Period: consent
	// withdrawal and erasure requests do not shorten it.
	Statutory bool
}

// Until returns the retention deadline of data whose event happened at t.
func (r Retention) Until(t time.Time) time.Time {
	if r.UntilWithdrawn {
		return tazala.ForeverUntilWithdrawn
	}
	return r.Period.AddTo(t.UTC())
}

// String describes r for reports ("5y from the event (statutory)").
func (r Retention) String() string {
	if r.UntilWithdrawn {
		return "until consent is withdrawn"
	}
	s := r.Period.String() + " from the event"
	if r.Statutory {
		s += " (statutory)"
	}
	return s
}

// Purpose is a compiled purpose.
type Purpose struct {
	ID          string
	Description string
	Categories  []*Category
	Bases       []*Basis
	Retention   Retention
}

// Withdrawable reports whether the purpose ends when consent is withdrawn.
func (p *Purpose) Withdrawable() bool { return p.Retention.UntilWithdrawn }

// HasCategory reports whether the purpose covers the category id.
func (p *Purpose) HasCategory(id string) bool {
	return slices.ContainsFunc(p.Categories, func(c *Category) bool { return c.ID == id })
}

// Recipient is a compiled recipient.
type Recipient struct {
	ID         string
	Name       string
	Purpose    *Purpose
	Basis      *Basis
	Categories []*Category
	Retention  Retention
}

// Allows reports whether the recipient may receive data of kind k.
func (r *Recipient) Allows(k tazala.Kind) bool {
	for _, c := range r.Categories {
		if slices.Contains(c.Kinds, k) {
			return true
		}
	}
	return false
}

// HasCategory reports whether the recipient receives the category id.
func (r *Recipient) HasCategory(id string) bool {
	return slices.ContainsFunc(r.Categories, func(c *Category) bool { return c.ID == id })
}

// Stream maps a glob over record sources to a purpose and basis.
type Stream struct {
	Match   string
	Purpose *Purpose
	Basis   *Basis
}

// Policy is a compiled, validated policy file.
type Policy struct {
	Categories []*Category
	Bases      []*Basis
	Purposes   []*Purpose
	Recipients []*Recipient
	Streams    []*Stream
	Default    *Purpose

	kindCat map[tazala.Kind]*Category
}

// Purpose returns the purpose with the given id, or nil.
func (p *Policy) Purpose(id string) *Purpose {
	for _, x := range p.Purposes {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// Recipient returns the recipient with the given id, or nil.
func (p *Policy) Recipient(id string) *Recipient {
	for _, x := range p.Recipients {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// Basis returns the basis with the given id, or nil.
func (p *Policy) Basis(id string) *Basis {
	for _, x := range p.Bases {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// CategoryOf returns the category of a finding kind ("" when none).
func (p *Policy) CategoryOf(k tazala.Kind) string {
	if c := p.kindCat[k]; c != nil {
		return c.ID
	}
	return ""
}

// Classify returns the purpose and basis of records from source (a topic
// or file name): the first stream whose glob matches the source or its
// base name, else the default purpose with its first basis.
func (p *Policy) Classify(source string) (*Purpose, *Basis) {
	base := path.Base(strings.ReplaceAll(source, `\`, "/"))
	for _, s := range p.Streams {
		if ok, _ := path.Match(s.Match, source); ok {
			return s.Purpose, s.Basis
		}
		if ok, _ := path.Match(s.Match, base); ok {
			return s.Purpose, s.Basis
		}
	}
	return p.Default, p.Default.Bases[0]
}

// LoadPolicy reads, translates and validates a policy file; an empty path
// means the shipped policy.
func LoadPolicy(file string) (*Policy, error) {
	if file == "" {
		return ParsePolicy(defaultPolicyYAML)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return ParsePolicy(b)
}

// ParsePolicy decodes, translates and validates a policy from YAML text.
func ParsePolicy(b []byte) (*Policy, error) {
	var raw RawPolicy
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("policy: parse: %w", err)
	}
	p, err := raw.Translate()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

var policyIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$`)

// Translate compiles every entry; errors name the entry and the field.
// References between entries are resolved here too (an unknown reference
// is the referring entry's error); Validate checks the whole.
func (raw RawPolicy) Translate() (*Policy, error) {
	if raw.Version != 1 {
		return nil, fmt.Errorf("policy: version: %d is not supported (want 1)", raw.Version)
	}
	p := &Policy{kindCat: map[tazala.Kind]*Category{}}
	var errs []error
	cats := map[string]*Category{}
	for i, rc := range raw.Categories {
		c, err := rc.translate()
		if err == nil && cats[c.ID] != nil {
			err = errors.New("id: duplicate")
		}
		if err != nil {
			errs = append(errs, entryErr("category", i, rc.ID, err))
			continue
		}
		cats[c.ID] = c
		p.Categories = append(p.Categories, c)
	}
	bases := map[string]*Basis{}
	for i, rb := range raw.Bases {
		var err error
		switch {
		case !policyIDRe.MatchString(rb.ID):
			err = errIDSyntax
		case bases[rb.ID] != nil:
			err = errors.New("id: duplicate")
		}
		if err != nil {
			errs = append(errs, entryErr("basis", i, rb.ID, err))
			continue
		}
		b := &Basis{ID: rb.ID, Description: rb.Description, Withdrawable: rb.Withdrawable}
		bases[b.ID] = b
		p.Bases = append(p.Bases, b)
	}
	purposes := map[string]*Purpose{}
	for i, rp := range raw.Purposes {
		pp, err := rp.translate(cats, bases)
		if err == nil && purposes[pp.ID] != nil {
			err = errors.New("id: duplicate")
		}
		if err != nil {
			errs = append(errs, entryErr("purpose", i, rp.ID, err))
			continue
		}
		purposes[pp.ID] = pp
		p.Purposes = append(p.Purposes, pp)
	}
	recips := map[string]bool{}
	for i, rr := range raw.Recipients {
		r, err := rr.translate(cats, bases, purposes)
		if err == nil && recips[r.ID] {
			err = errors.New("id: duplicate")
		}
		if err != nil {
			errs = append(errs, entryErr("recipient", i, rr.ID, err))
			continue
		}
		recips[r.ID] = true
		p.Recipients = append(p.Recipients, r)
	}
	for i, rs := range raw.Streams {
		s, err := rs.translate(bases, purposes)
		if err != nil {
			errs = append(errs, entryErr("stream", i, rs.Match, err))
			continue
		}
		p.Streams = append(p.Streams, s)
	}
	switch {
	case raw.DefaultPurpose == "":
		errs = append(errs, errors.New("policy: default_purpose: required (the purpose of sources no stream matches)"))
	case purposes[raw.DefaultPurpose] == nil:
		if _, known := idIndex(raw.Purposes, raw.DefaultPurpose); !known {
			errs = append(errs, fmt.Errorf("policy: default_purpose: unknown purpose %q", raw.DefaultPurpose))
		}
	default:
		p.Default = purposes[raw.DefaultPurpose]
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// idIndex reports whether a purpose id is declared at all (a purpose with
// its own error is not reported again as unknown).
func idIndex(ps []RawPurpose, id string) (int, bool) {
	for i, p := range ps {
		if p.ID == id {
			return i, true
		}
	}
	return -1, false
}

// Validate checks the policy as a whole: every finding kind belongs to
// exactly one category, every purpose has categories and bases, and every
// recipient receives only categories of its purpose.
func (p *Policy) Validate() error {
	var errs []error
	if len(p.Purposes) == 0 {
		errs = append(errs, errors.New("policy: purposes: at least one required"))
	}
	p.kindCat = map[tazala.Kind]*Category{}
	for _, c := range p.Categories {
		for _, k := range c.Kinds {
			if prev := p.kindCat[k]; prev != nil {
				errs = append(errs, fmt.Errorf("policy: category %q: kinds: %s is already in category %q", c.ID, k, prev.ID))
				continue
			}
			p.kindCat[k] = c
		}
	}
	for _, k := range tazala.Kinds {
		if p.kindCat[k] == nil {
			errs = append(errs, fmt.Errorf("policy: categories: kind %s belongs to no category", k))
		}
	}
	for _, r := range p.Recipients {
		for _, c := range r.Categories {
			if !r.Purpose.HasCategory(c.ID) {
				errs = append(errs, fmt.Errorf("policy: recipient %q: categories: %q is not processed for purpose %q", r.ID, c.ID, r.Purpose.ID))
			}
		}
	}
	for _, s := range p.Streams {
		if !slices.Contains(s.Purpose.Bases, s.Basis) {
			errs = append(errs, fmt.Errorf("policy: stream %q: basis: %q is not a basis of purpose %q", s.Match, s.Basis.ID, s.Purpose.ID))
		}
	}
	if p.Default == nil && len(errs) == 0 {
		errs = append(errs, errors.New("policy: default_purpose: required"))
	}
	return errors.Join(errs...)
}

var errIDSyntax = errors.New("id: must be 1-64 of letters, digits, space, '.', '_', '-', starting with a letter or digit")

func entryErr(what string, i int, id string, err error) error {
	if id == "" {
		return fmt.Errorf("policy: %s[%d]: %w", what, i, err)
	}
	return fmt.Errorf("policy: %s %q: %w", what, id, err)
}

func (rc RawCategory) translate() (*Category, error) {
	if !policyIDRe.MatchString(rc.ID) {
		return nil, errIDSyntax
	}
	c := &Category{ID: rc.ID, Description: rc.Description}
	for _, ks := range rc.Kinds {
		k, err := tazala.ParseKind(ks)
		if err != nil {
			return nil, fmt.Errorf("kinds: %w", err)
		}
		if slices.Contains(c.Kinds, k) {
			return nil, fmt.Errorf("kinds: %s listed twice", k)
		}
		c.Kinds = append(c.Kinds, k)
	}
	return c, nil
}

func refCategories(field string, ids []string, cats map[string]*Category) ([]*Category, error) {
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s: at least one required", field)
	}
	var out []*Category
	for _, id := range ids {
		c := cats[id]
		if c == nil {
			return nil, fmt.Errorf("%s: unknown category %q", field, id)
		}
		if slices.Contains(out, c) {
			return nil, fmt.Errorf("%s: %q listed twice", field, id)
		}
		out = append(out, c)
	}
	return out, nil
}

func (rp RawPurpose) translate(cats map[string]*Category, bases map[string]*Basis) (*Purpose, error) {
	if !policyIDRe.MatchString(rp.ID) {
		return nil, errIDSyntax
	}
	p := &Purpose{ID: rp.ID, Description: rp.Description}
	var err error
	if p.Categories, err = refCategories("categories", rp.Categories, cats); err != nil {
		return nil, err
	}
	if len(rp.Bases) == 0 {
		return nil, errors.New("bases: at least one required")
	}
	for _, id := range rp.Bases {
		b := bases[id]
		if b == nil {
			return nil, fmt.Errorf("bases: unknown basis %q", id)
		}
		p.Bases = append(p.Bases, b)
	}
	if p.Retention, err = rp.Retention.translate(); err != nil {
		return nil, err
	}
	if p.Retention.UntilWithdrawn {
		for _, b := range p.Bases {
			if !b.Withdrawable {
				return nil, fmt.Errorf("retention.until: consent_withdrawn, but basis %q cannot be withdrawn", b.ID)
			}
		}
	}
	return p, nil
}

func (rr RawRecipient) translate(cats map[string]*Category, bases map[string]*Basis, purposes map[string]*Purpose) (*Recipient, error) {
	if !policyIDRe.MatchString(rr.ID) {
		return nil, errIDSyntax
	}
	r := &Recipient{ID: rr.ID, Name: rr.Name}
	if r.Purpose = purposes[rr.Purpose]; r.Purpose == nil {
		return nil, fmt.Errorf("purpose: unknown purpose %q", rr.Purpose)
	}
	if r.Basis = bases[rr.Basis]; r.Basis == nil {
		return nil, fmt.Errorf("basis: unknown basis %q", rr.Basis)
	}
	var err error
	if r.Categories, err = refCategories("categories", rr.Categories, cats); err != nil {
		return nil, err
	}
	if r.Retention, err = rr.Retention.translate(); err != nil {
		return nil, err
	}
	return r, nil
}

func (rs RawStream) translate(bases map[string]*Basis, purposes map[string]*Purpose) (*Stream, error) {
	if rs.Match == "" {
		return nil, errors.New("match: required")
	}
	if _, err := path.Match(rs.Match, ""); err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	s := &Stream{Match: rs.Match}
	if s.Purpose = purposes[rs.Purpose]; s.Purpose == nil {
		return nil, fmt.Errorf("purpose: unknown purpose %q", rs.Purpose)
	}
	s.Basis = s.Purpose.Bases[0]
	if rs.Basis != "" {
		if s.Basis = bases[rs.Basis]; s.Basis == nil {
			return nil, fmt.Errorf("basis: unknown basis %q", rs.Basis)
		}
	}
	return s, nil
}

var periodRe = regexp.MustCompile(`^(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)d)?$`)

// ParsePeriod parses "5y", "18m", "30d" or combinations such as "1y6m".
func ParsePeriod(s string) (Period, error) {
	m := periodRe.FindStringSubmatch(s)
	if m == nil || s == "" {
		return Period{}, fmt.Errorf("%q: want years, months and days such as 5y, 18m, 30d or 1y6m", s)
	}
	var n [3]int
	for i := range n {
		if m[i+1] != "" {
			v, err := strconv.Atoi(m[i+1])
			if err != nil || v > 100*366 {
				return Period{}, fmt.Errorf("%q: too long", s)
			}
			n[i] = v
		}
	}
	p := Period{Years: n[0], Months: n[1], Days: n[2]}
	if p.IsZero() {
		return Period{}, fmt.Errorf("%q: must be longer than zero", s)
	}
	return p, nil
}

func (rr RawRetention) translate() (Retention, error) {
	switch {
	case rr.Until != "" && rr.Period != "":
		return Retention{}, errors.New("retention: give either period or until, not both")
	case rr.Until != "":
		if rr.Until != "consent_withdrawn" {
			return Retention{}, fmt.Errorf("retention.until: %q is not supported (want consent_withdrawn)", rr.Until)
		}
		if rr.Statutory {
			return Retention{}, errors.New("retention.statutory: a statutory hold needs a period")
		}
		if rr.From != "" {
			return Retention{}, errors.New("retention.from: only with a period")
		}
		return Retention{UntilWithdrawn: true}, nil
	case rr.Period != "":
		p, err := ParsePeriod(rr.Period)
		if err != nil {
			return Retention{}, fmt.Errorf("retention.period: %w", err)
		}
		if rr.From != "" && rr.From != "event" {
			return Retention{}, fmt.Errorf("retention.from: %q is not supported (want event)", rr.From)
		}
		return Retention{Period: p, Statutory: rr.Statutory}, nil
	}
	return Retention{}, errors.New("retention: required (period or until)")
}
