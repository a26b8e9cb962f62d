//! Delimited files as publishers write them: each quirk with exact lines.

use explorer_core::import::{
    parse_amount, read_table, CsvOptions, FieldSpec, HeaderMap, Issue, IssueKind, Table,
};

fn table(bytes: &[u8]) -> Table {
    read_table(bytes, CsvOptions::default()).expect("a table")
}

fn lines(table: &Table) -> Vec<u64> {
    table.rows.iter().map(|row| row.line).collect()
}

const NIS: FieldSpec = FieldSpec {
    name: "nis",
    aliases: &[
        "code ins", "code nis", "nis code", "refnis", "niscode", "insee",
    ],
    required: true,
};
const NAME: FieldSpec = FieldSpec {
    name: "name",
    aliases: &["commune", "nom", "municipality"],
    required: true,
};
const AMOUNT: FieldSpec = FieldSpec {
    name: "amount",
    aliases: &["montant", "montant (€)", "budget"],
    required: false,
};

#[test]
fn opendatasoft_export_with_bom_semicolons_and_labels() {
    let bytes = "\u{feff}Code INS;Commune;Montant (€)\r\n62063;Liège;\"45 283,00\"\r\n92094;Namur;1.234,5\r\n"
        .as_bytes();
    let t = table(bytes);
    assert_eq!(t.encoding, "UTF-8 (BOM)");
    assert_eq!(t.delimiter, b';');
    assert_eq!(t.headers, ["Code INS", "Commune", "Montant (€)"]);
    assert_eq!(lines(&t), [2, 3]);
    assert_eq!(t.rows[0].fields, ["62063", "Liège", "45 283,00"]);
    assert!(t.rows.iter().all(|row| row.issue.is_none()));
    let map = HeaderMap::resolve(&t.headers, &[NIS, NAME, AMOUNT]).unwrap();
    assert_eq!((map["nis"], map["name"], map["amount"]), (0, 1, 2));
    let amounts: Vec<f64> = t
        .rows
        .iter()
        .map(|row| parse_amount(row.get(map["amount"]).unwrap()).unwrap())
        .collect();
    assert_eq!(amounts, [45283.0, 1234.5]);
}

#[test]
fn comma_separated_with_quoted_semicolons() {
    let t = table(b"nis,name,amount\n62063,\"Li\xc3\xa8ge; ville\",\"1,234.50\"\n");
    assert_eq!(t.delimiter, b',');
    assert_eq!(t.rows[0].fields, ["62063", "Liège; ville", "1,234.50"]);
    assert_eq!(parse_amount(&t.rows[0].fields[2]), Ok(1234.5));
}

#[test]
fn semicolons_win_over_decimal_commas() {
    let t = table(b"nis;montant\n62063;1234,5\n92094;12,75\n");
    assert_eq!(t.delimiter, b';');
    assert_eq!(t.rows[1].fields, ["92094", "12,75"]);
}

#[test]
fn windows_1252_bytes() {
    let t = table(b"nis;name\n62063;Li\xe8ge\n25014;Braine-l\x92Alleud\n");
    assert_eq!(t.encoding, "windows-1252");
    assert_eq!(t.rows[0].fields, ["62063", "Liège"]);
    assert_eq!(t.rows[1].fields, ["25014", "Braine-l\u{2019}Alleud"]);
}

#[test]
fn quoted_field_with_delimiter_and_newlines_keeps_later_lines_right() {
    let bytes = b"nis;description;amount\n\
        62063;\"Wi-Fi; places\nand parks\n(phase 2)\";100\n\
        92094;Smart lighting;200\n\
        \n\
        57081;\"say \"\"hi\"\"\";300\n";
    let t = table(bytes);
    assert_eq!(t.delimiter, b';');
    assert_eq!(lines(&t), [2, 5, 7]);
    assert_eq!(
        t.rows[0].fields,
        ["62063", "Wi-Fi; places\nand parks\n(phase 2)", "100"]
    );
    assert_eq!(t.rows[2].fields, ["57081", "say \"hi\"", "300"]);
}

#[test]
fn crlf_line_endings() {
    let t =
        table(b"nis;name\r\n62063;Li\xc3\xa8ge\r\n\"92094\";\"Na\r\nmur\"\r\n57081;Tournai\r\n");
    assert_eq!(lines(&t), [2, 3, 5]);
    assert_eq!(t.rows[0].fields, ["62063", "Liège"]);
    assert_eq!(t.rows[1].fields, ["92094", "Na\r\nmur"]);
    assert_eq!(t.rows[2].fields, ["57081", "Tournai"]);
}

#[test]
fn rows_of_the_wrong_width_are_kept_and_flagged() {
    let t = table(b"nis;name;amount\n62063;Li\xc3\xa8ge;1\n92094;Namur\n57081;Tournai;3;extra\n");
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[0].issue, None);
    assert_eq!(
        t.rows[1].issue,
        Some(Issue {
            line: Some(3),
            column: Some(3),
            path: None,
            field: Some("amount".to_owned()),
            message: "row has 2 fields but the header has 3".to_owned(),
            kind: None,
        })
    );
    assert_eq!(
        t.rows[2].issue,
        Some(Issue {
            line: Some(4),
            column: Some(4),
            path: None,
            field: None,
            message: "row has 4 fields but the header has 3".to_owned(),
            kind: None,
        })
    );
    assert_eq!(t.rows[2].fields, ["57081", "Tournai", "3", "extra"]);
    assert_eq!(
        t.rows[1]
            .issue
            .as_ref()
            .unwrap()
            .in_file("p.csv")
            .to_string(),
        "p.csv:3:3: amount: row has 2 fields but the header has 3"
    );
}

#[test]
fn empty_file_is_an_error() {
    for bytes in [&b""[..], b"\xef\xbb\xbf", b"\n\r\n  \n"] {
        assert_eq!(
            read_table(bytes, CsvOptions::default()),
            Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty)),
            "{bytes:?}"
        );
    }
}

#[test]
fn header_only_gives_no_rows() {
    for bytes in [&b"nis;name"[..], b"nis;name\n", b"nis;name\r\n\r\n"] {
        let t = table(bytes);
        assert_eq!(t.headers, ["nis", "name"]);
        assert!(t.rows.is_empty());
    }
}

#[test]
fn given_delimiter_is_used() {
    let options = CsvOptions {
        delimiter: Some(b','),
        ..CsvOptions::default()
    };
    let t = read_table(b"a;b,c\n1;2,3\n", options).unwrap();
    assert_eq!(t.headers, ["a;b", "c"]);
    assert_eq!(t.delimiter, b',');
}

#[test]
fn header_aliases_from_several_publishers() {
    for (header, expected) in [
        ("Code INS;Nom", 0),
        ("Nom;NIS code", 1),
        ("refnis;Commune", 0),
        ("REFNIS;commune", 0),
        ("Commune;Code_INS", 1),
    ] {
        let t = table(format!("{header}\n1;2\n").as_bytes());
        let map = HeaderMap::resolve(&t.headers, &[NIS, NAME]).unwrap();
        assert_eq!(map["nis"], expected, "{header}");
    }
}
