import glob, sys
from fontTools.ttLib import TTCollection
from fontTools import subset
def chars(enc, his, los):
    out=set()
    for hi in his:
        for lo in los:
            try: out.add(bytes([hi,lo]).decode(enc))
            except Exception: pass
    return out
gb = chars('gb2312', range(0xA1,0xF8), range(0xA1,0xFF))
big5 = chars('big5', range(0xA1,0xFA), list(range(0x40,0x7F))+list(range(0xA1,0xFF)))
seeds=set(''.join(open(p,encoding='utf-8').read() for p in glob.glob('/work/main/seeds/*')))
want = {ord(c) for c in gb|big5|seeds} | set(range(0x20,0x7f)) | set(range(0xa0,0x100)) | set(range(0x3000,0x3040)) | set(range(0xff00,0xfff0)) | set(range(0x2000,0x2070))
c=TTCollection('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')
font=c.fonts[0]
cmap=font.getBestCmap()
missing=[cp for cp in want if cp not in cmap]
print('want',len(want),'missing in font',len(missing), ''.join(chr(c) for c in sorted(missing))[:200])
opts=subset.Options(); opts.layout_features=['*']; opts.name_IDs=['*']; opts.name_languages=['*']; opts.notdef_outline=True; opts.glyph_names=False; opts.hinting=False
s=subset.Subsetter(opts); s.populate(unicodes=want); s.subset(font)
font.save(sys.argv[1])
