package main

// whatIfColumn is one column of a what-if table: a figure of runs.csv (or
// the sum of several, per run) in its format.
type whatIfColumn struct {
	header string
	// paths are summed per run; one path reads compare.json's estimate.
	paths  []string
	format whatIfFormat
}

// whatIfTable declares the README table made from one study file under
// scenarios/studies: its first column's header, the baseline row's label,
// labels for variants whose name does not read well, and the columns.
type whatIfTable struct {
	study    string
	first    string
	baseline string
	labels   map[string]string
	columns  []whatIfColumn
}

func col(header string, format whatIfFormat, paths ...string) whatIfColumn {
	return whatIfColumn{header: header, paths: paths, format: format}
}

// whatIfTables are the README's what-if tables, in README order.
var whatIfTables = []whatIfTable{
	{
		study:    "exchange-2022-12-02-whatifs",
		first:    "`--set`",
		baseline: "(defaults)",
		columns: []whatIfColumn{
			col("peak legacy token load", ratioFormat, "peak_load_ratio.mailbox-tokens→unit-b"),
			col("unit B CPU", percentFormat, "components.unit-b.utilisation"),
			col("Japan availability", availabilityFormat, "populations.japan.availability"),
			col("outage", minutesFormat, "populations.japan.outage_s"),
			col("impacted users", countFormat, "populations.japan.impacted_users", "populations.japan-other-units.impacted_users"),
		},
	},
	{
		study:    "retry-storm-whatifs",
		first:    "`cascade run retry-storm --set ...`",
		baseline: "`retries=3` (default)",
		columns: []whatIfColumn{
			col("peak load", ratioFormat, "peak_load_ratio.api"),
			col("attempts per call", amplificationFormat, "clients.users→api.amplification"),
			col("outage", minutesFormat, "outage.duration_s"),
			col("verdict", verdictFormat, "metastable.metastable"),
		},
	},
	{
		study:    "docomo-2022-12-17-whatifs",
		first:    "`--set`",
		baseline: "`detection=link-down` (defaults)",
		labels: map[string]string{
			"all four: external_monitor=on flood_alarms=0 detour_belief=some-nodes detour_tools=tools": "all four: `external_monitor=on`, `flood_alarms=0`, `detour_belief=some-nodes`, `detour_tools=tools`",
		},
		columns: []whatIfColumn{
			col("outage", minutesFormat, "outage.duration_s"),
			col("impacted users", countFormat, "impacted_users"),
			col("failed requests", countFormat, "populations.plane-e-stuck.failed", "populations.plane-e-detoured.failed"),
		},
	},
	{
		study:    "docomo-2022-12-20-whatifs",
		first:    "`--set`",
		baseline: "(defaults: `procedure=generic`, `rollback=incorrect`)",
		columns: []whatIfColumn{
			col("outage", minutesFormat, "outage.duration_s"),
			col("impacted users", countFormat, "impacted_users"),
		},
	},
	{
		study:    "kakao-2022-10-15-whatifs",
		first:    "`--set`",
		baseline: "defaults (`dr_mode=partial`; cut at 16:52, no notice, switch decided at 16:30)",
		columns: []whatIfColumn{
			col("KakaoTalk (Japan)", hoursFormat, "populations.kakaotalk-japan.outage_s"),
			col("impacted in Japan", countFormat, "populations.kakaotalk-japan.impacted_users"),
			col("taxi", hoursFormat, "populations.taxi-users.outage_s"),
			col("Kakao Pay", hoursFormat, "populations.pay-users.outage_s"),
			col("Daum Mail", hoursFormat, "populations.mail-users.outage_s"),
			col("other services", hoursFormat, "populations.other-users.outage_s"),
			col("powered 100%", hoursFormat, "sites.pangyo.powered_back.at_100_s"),
		},
	},
}
