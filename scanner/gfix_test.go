package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestGfixRules covers the rules added for the misses of the last
// independent corpus (internal/blindg, docs/blindg.md): counters beside
// CVV words, Kazakhstan's places, lone given names in role fields, card
// holders in tables, name introducers, Kazakh surnames written first,
// transliterated expiry keys and bare phones in phrases. Values are
// synthetic.
func TestGfixRules(t *testing.T) {
	cases := []struct{ name, in string }{
		// a key naming a CVV and a count or measure is a counter
		{"cvv checks counter", `card-svc metrics: cards_active=412 cvv_checks=163 cvv_len=3`},
		{"cvv2 declines counter", `metrics cvv2_declines=596 pin_len=4`},
		{"cvc mismatch total", `stats: cvc_mismatch_total=859 ok`},
		{"cvv failures json", `{"cvv_failures":224,"cvv_errors":17,"cvc_rate":12}`},
		{"cvv code kept", `{"pan":"⟦card_pan:4111111111111111⟧","cvv2":"⟦card_cvv:123⟧"}`},
		{"cvv kv kept", `pay card=⟦card_pan:4111111111111111⟧ cvv=⟦card_cvv:321⟧`},
		// Kazakhstan's cities and regions are not names; nor is a lone
		// given name in a role field beside one
		{"branch city cyrillic", `{"client":{"full_name":"⟦person_name:Ахметов Бауыржан⟧","iin":"⟦iin:900101300017⟧"},"manager":"Жансая","branch":"Усть-Каменогорск"}`},
		{"branch city kazakh", `{"client":{"full_name":"⟦person_name:Ахметов Бауыржан⟧","iin":"⟦iin:900101300017⟧"},"manager":"Жансая","branch":"Қызылорда"}`},
		{"branch city latin", `{"client":{"full_name":"⟦person_name:Akhmetov Bauyrzhan⟧","iin":"⟦iin:900101300017⟧"},"manager":"Zhansaya","branch":"Ust-Kamenogorsk"}`},
		{"branch city hyphen kv", `ФИО=⟦person_name:Ахметов Бауыржан⟧; ИИН=⟦iin:900101300017⟧; филиал=Нур-Султан; менеджер=Жансая`},
		{"role field beside an unknown place", `{"client":{"full_name":"⟦person_name:Ахметов Бауыржан⟧","iin":"⟦iin:900101300017⟧"},"manager":"Жансая","branch":"Шиели"}`},
		{"on-call beside an unknown place", `ИИН=⟦iin:900101300017⟧; on_call=Жансая; region=Шиели`},
		{"split name under name keys kept", `ИИН=⟦iin:900101300017⟧; тегі=⟦person_name:Бекмырза⟧; аты=⟦person_name:Жансая⟧`},
		{"split name in unkeyed columns kept", `⟦iin:900101300017⟧;⟦person_name:Құдайқұл⟧;⟦person_name:Назерке⟧;⟦person_name:Сериковна⟧;KZT`},
		// a card holder in a table row whose header names the column
		{"csv header holder", `export [date;pan;exp;holder;cur]: 2026-11-09;⟦card_pan:4111111111111111⟧;⟦card_expiry:02/27⟧;⟦person_name:BERIK ZHUNUSOV⟧;398`},
		{"markdown header holder", `| card | valid | holder | mcc |\n| ⟦card_pan:4111 1111 1111 1111⟧ | ⟦card_expiry:05/30⟧ | ⟦person_name:SAULE ZHUNUSOVA⟧ | 5411 |`},
		{"markdown with rule line", "| pan | exp | cardholder |\n|---|---|---|\n| ⟦card_pan:4111111111111111⟧ | ⟦card_expiry:05/30⟧ | ⟦person_name:TIMUR ZHUNUSOV⟧ |"},
		{"merchant column is not a name", `export [date;merchant;cur]: 2026-11-09;KASPI MAGAZIN;398`},
		{"city column is not a name", `| date | city | mcc |\n| 2026-11-09 | SAULE TOWER | 5411 |`},
		// role words and writer phrases that introduce a name
		{"kazakh recipient", `p2p: алушы ⟦person_name:Сауле Жунусова⟧, сумма 1500.00 KZT`},
		{"kazakh sender", `аударым: жіберуші ⟦person_name:Берик Жунусов⟧ (Tulpar Pay)`},
		{"russian writes", `Добрый день, пишет ⟦person_name:Тимур Бекмырза⟧, спасибо`},
		{"kazakh writer phrase", `Қайырлы күн! Жазып отырған ⟦person_name:Тимур Бекмырза⟧. Рахмет`},
		{"participle alone is no intro", `Күтіп отырған Клиенттер Саны`},
		// a Kazakh surname written first with a participle-like ending
		{"kazakh surname first", `получатель ⟦person_name:Төлеген Тимур Берикұлы⟧, сумма 10.00 KZT`},
		{"kazakh surname first caps", `Аты-жөні: ⟦person_name:ТӨЛЕГЕН САУЛЕ БЕРИКҚЫЗЫ⟧ | x`},
		{"russian verb before is not a surname", `Позвоните ⟦person_name:Назерке Сериковна⟧`},
		// a transliterated expiry key in a card object
		{"srok key", `{"card":{"pan":"⟦card_pan:4111111111111111⟧","srok":"⟦card_expiry:06/29⟧","cvv2":"⟦card_cvv:123⟧"}}`},
		{"srok key yyyy", `{"card":{"num":"⟦card_pan:4111 1111 1111 1111⟧","srok":"⟦card_expiry:11/2030⟧"}}`},
		// bare national numbers in phrases of calling and of a changed number
		{"kazakh call light verb", `Анықтама: қоңырау шалыңыз ⟦phone:87011234567⟧, жұмыс уақыты 09:00-18:00`},
		{"changed number", `смена номера: старый ⟦phone:87011234567⟧, новый ⟦phone:87021234567⟧, заявка №5512`},
		{"old order number is not a phone", `номер заказа: старый 87011234567`},
		{"new alone is weak", `новый 87011234567`},
		// a name key with a language tag is a whole-name key
		{"full name kk", `{"client":{"full_name_kk":"⟦person_name:Бекмырза Тимур Берикұлы⟧","iin_no":"⟦iin:900101300017⟧"}}`},
		{"merchant name kk is a company", `{"merchant_name_kk":"Алтын Сапа","mcc":5411}`},
		{"name object first and last kept", `{"customer":{"name":{"last":"⟦person_name:Бекмырза⟧","first":"⟦person_name:Сауле⟧"},"iin":"⟦iin:900101300017⟧"}}`},
		{"escaped name keys kept", `{"\u0442\u0435\u0433\u0456":"⟦person_name:Бекмырза⟧","\u0430\u0442\u044b":"⟦person_name:Сауле⟧","iin":"⟦iin:900101300017⟧"}`},
		{"city petropavl", `ИИН=⟦iin:900101300017⟧; branch=Petropavl; manager=Zhansaya`},
	}
	s := New(Config{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line, want := parseMarked(t, c.in)
			var gs []string
			for _, f := range s.Scan([]byte(line), nil) {
				gs = append(gs, spanStr(f.Kind, f.Span.Start, f.Span.End))
			}
			if strings.Join(gs, " ") != strings.Join(want, " ") {
				t.Errorf("findings %v, want %v", gs, want)
			}
		})
	}
}
