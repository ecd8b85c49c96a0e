//! `gongyi ledger …`: keys, offline verification of signed notes and receipts, and auditing a
//! node's log over HTTP (C2SP tlog-checkpoint and tlog-tiles).

use crate::cli::{KeygenArgs, LedgerCommand, VerifyNoteArgs, VerifyReceiptArgs};
use anyhow::Context as _;
use gongyi_ledger::{KeyType, SignerKey, VerifierKey, note};
use gongyi_server::ledger::Receipt;
use std::path::Path;

pub async fn run(cmd: LedgerCommand) -> anyhow::Result<()> {
    match cmd {
        LedgerCommand::Keygen(a) => keygen(&a),
        LedgerCommand::VerifyNote(a) => verify_note(&a),
        LedgerCommand::VerifyReceipt(a) => verify_receipt(&a),
        LedgerCommand::Audit(a) => super::ledger_audit::audit(&a).await.map(|_| ()),
    }
}

fn keygen(a: &KeygenArgs) -> anyhow::Result<()> {
    let key_type = if a.witness {
        KeyType::CosignatureV1
    } else {
        KeyType::Ed25519
    };
    let key = SignerKey::generate(&a.name, key_type).context("无法生成密钥")?;
    println!("签名私钥（请保密）：{}", key.to_private_string());
    println!("验证密钥：{}", key.verifier_key());
    Ok(())
}

/// A verifier key given inline, or the path of a file holding one.
pub(crate) fn read_vkey(arg: &str) -> anyhow::Result<VerifierKey> {
    let text = if Path::new(arg).is_file() {
        std::fs::read_to_string(arg).with_context(|| format!("无法读取 {arg}"))?
    } else {
        arg.to_string()
    };
    VerifierKey::parse(text.trim()).with_context(|| format!("验证密钥无效：{}", text.trim()))
}

fn verify_note(a: &VerifyNoteArgs) -> anyhow::Result<()> {
    let vkey = read_vkey(&a.vkey)?;
    let bytes = std::fs::read(&a.file).with_context(|| format!("无法读取 {}", a.file.display()))?;
    let n = note::open(&bytes, &[&vkey]).context("签名无效")?;
    print!("{}", n.text);
    println!("签名有效：{}（密钥 {}）", a.file.display(), vkey.name());
    Ok(())
}

fn verify_receipt(a: &VerifyReceiptArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("无法读取 {}", a.file.display()))?;
    let receipt = Receipt::parse(&text)?;
    let vkey = match &a.vkey {
        Some(k) => read_vkey(k)?,
        None => {
            eprintln!("注意：未给出 --vkey，使用回执自带的密钥，只能说明回执自身一致。");
            receipt.stated_vkey()?
        }
    };
    let v = receipt.verify(&vkey)?;
    println!(
        "回执有效：{} 第 {} 条（检查点大小 {}，根哈希 {}）",
        receipt.origin,
        v.index,
        v.size,
        v.root.to_base64()
    );
    println!("{}", receipt.entry);
    Ok(())
}
