//! Text encoding of CSV/JSONL input: UTF-8 (with or without BOM), or — as older Excel saves
//! "CSV (逗号分隔)" on Chinese Windows — GB18030 (a superset of GBK), transcoded on the fly.
//! Anything else is rejected with the line of the first undecodable byte.

use encoding_rs::{Decoder, DecoderResult, GB18030};
use std::io::{self, Read};

/// What the start of a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Utf8,
    Gb18030,
    /// Neither: the 1-based line of the first byte that is not UTF-8.
    Unknown {
        line: u64,
    },
}

/// Decides the encoding from the first bytes of a file (`at_eof`: `head` is the whole file).
pub(crate) fn sniff(head: &[u8], at_eof: bool) -> Sniffed {
    let line_of = |offset: usize| 1 + head[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Sniffed::Unknown { line: 1 }; // UTF-16 ("Unicode 文本")
    }
    let bad_at = match std::str::from_utf8(head) {
        Ok(_) => return Sniffed::Utf8,
        Err(e) if e.error_len().is_none() && !at_eof => return Sniffed::Utf8, // cut mid-character
        Err(e) => e.valid_up_to(),
    };
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(head.len())
        .unwrap_or(head.len() * 4);
    let mut out = String::with_capacity(cap);
    match decoder.decode_to_string_without_replacement(head, &mut out, at_eof) {
        (DecoderResult::Malformed(..), _) => Sniffed::Unknown {
            line: line_of(bad_at),
        },
        _ => Sniffed::Gb18030,
    }
}

/// Counts the bytes read through it (for a progress bar).
pub(crate) struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self { inner, read: 0 }
    }
    pub(crate) fn read_so_far(&self) -> u64 {
        self.read
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// GB18030 bytes in, UTF-8 bytes out (undecodable bytes become U+FFFD).
pub(crate) struct Gb18030Reader<R> {
    inner: R,
    decoder: Decoder,
    input: Box<[u8]>,
    out: Vec<u8>,
    pos: usize,
    finished: bool,
}

impl<R: Read> Gb18030Reader<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            decoder: GB18030.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024].into_boxed_slice(),
            out: Vec::new(),
            pos: 0,
            finished: false,
        }
    }
    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }
}

impl<R: Read> Read for Gb18030Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() {
            if self.finished {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            let need = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 4 + 16);
            self.out.clear();
            self.out.resize(need, 0);
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.out, last);
            self.out.truncate(written);
            self.pos = 0;
            self.finished = last;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_utf8_gbk_and_garbage() {
        assert_eq!(sniff("名称,类型\n".as_bytes(), true), Sniffed::Utf8);
        let (gbk, _, _) = GB18030.encode("名称,类型\n北京,基金会\n");
        assert_eq!(sniff(&gbk, true), Sniffed::Gb18030);
        assert_eq!(
            sniff(b"a,b\nc,\xff\xff\n", true),
            Sniffed::Unknown { line: 2 }
        );
        assert_eq!(
            sniff(&[0xff, 0xfe, b'a', 0], true),
            Sniffed::Unknown { line: 1 }
        );
        // cut in the middle of a character at the end of the sniffed window
        assert_eq!(sniff(&"名称".as_bytes()[..4], false), Sniffed::Utf8);
    }

    #[test]
    fn transcodes_gb18030() {
        let text = "名称,类型\n北京市慈善基金会,基金会\n".repeat(5000);
        let (gbk, _, _) = GB18030.encode(&text);
        let mut out = String::new();
        Gb18030Reader::new(&gbk[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }
}
