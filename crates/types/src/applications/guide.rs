//! The 办事指南 (service guide) of each online service, as static data: the elements a Chinese
//! government service guide publishes for every 政务服务事项 — 事项类型, 设定依据, 受理条件,
//! 申请材料 (name, 原件 / 复印件, 份数, 必要 or not, 说明), 办理流程, 法定办结时限, 收费标准,
//! 办理结果, 送达方式, 办理地点 and 咨询 / 监督电话 (cf. GB/T 32169《政务服务中心运行规范》 and the
//! 国务院办公厅's 办事指南 elements; unverified: which part of GB/T 32169 lists them). 《行政许可法》
//! 第三十条 obliges the authority to publish the conditions, procedure, time limits and the full
//! list of materials of every licence, which is what a guide is.
//!
//! The texts come from the regulations themselves, read in their current versions:
//! 《社会团体登记管理条例》 (2016 revision — 第十一条 materials, 第十二条 60 日, 第十八条 变更,
//! 第十九条–第二十一条 注销, 第二十八条 年检), 《基金会管理条例》, 《民办非企业单位登记管理暂行
//! 条例》, 《慈善法》 (2023 amendment — 第二十二条 公开募捐资格, 20 日), 《慈善组织公开募捐管理
//! 办法》 (民政部令第74号, 2024), 《社会组织评估管理办法》 (民政部令第39号) and 《社会组织信用信息
//! 管理办法》 (民政部令第60号); the basis strings of the former guide page were reused and
//! corrected. Where an article number could not be checked the law is named without one.
//!
//! `statutory_days` is the 法定办结时限 a statute sets, and `None` where none does. The 承诺时限
//! the platform keeps — the deadlines it computes, shows and escalates — is
//! [`ServiceKind::decision_days`], never this field. The two differ for 变更 and 注销 登记: the
//! 条例 set no decision limit (their 30 日 is the organization's time to apply), so 《行政许可法》
//! 第四十二条's 20 working days apply, and the platform's 30 is that limit plus its 10-day extension.
//!
//! The material names are keys: stored applications and uploaded files refer to them, so an
//! existing name never changes; new materials are added as non-required.
//!
//! Over 400 lines: data (the seven guides), not logic.

use super::procedure::ServiceKind;

/// 原件 / 复印件 / 原件及复印件 — how a material is provided (online: a scan of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialForm {
    Original,
    Copy,
    OriginalAndCopy,
}

impl MaterialForm {
    pub const ALL: &'static [MaterialForm] = &[
        MaterialForm::Original,
        MaterialForm::Copy,
        MaterialForm::OriginalAndCopy,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MaterialForm::Original => "原件",
            MaterialForm::Copy => "复印件",
            MaterialForm::OriginalAndCopy => "原件及复印件",
        }
    }
}

/// One 申请材料 of a guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Material {
    /// The material's name — a key stored applications refer to; never renamed.
    pub name: &'static str,
    pub form: MaterialForm,
    /// 份数.
    pub copies: u8,
    /// 必要: must be uploaded before the application can be submitted. `false`: 视情形提交.
    pub required: bool,
    /// 材料说明: what it is, and when it is needed; may be empty.
    pub note: &'static str,
}

/// The 办事指南 of one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceGuide {
    pub kind: ServiceKind,
    /// 事项类型 in the 政务服务事项目录.
    pub item_type: &'static str,
    /// 设定依据: each law or regulation with its articles.
    pub basis: &'static [&'static str],
    /// 受理条件 / 申请条件.
    pub conditions: &'static [&'static str],
    /// 申请材料.
    pub materials: &'static [Material],
    /// 办理流程.
    pub steps: &'static [&'static str],
    /// 法定办结时限 in working days; `None` where no statute sets one. The platform's own
    /// deadline is [`ServiceKind::decision_days`].
    pub statutory_days: Option<u32>,
    /// 办理结果.
    pub result: &'static str,
    /// 结果送达.
    pub result_delivery: &'static str,
}

/// 收费标准. 依据：《行政许可法》第五十八条（实施行政许可和对行政许可事项进行监督检查，不得收取
/// 任何费用）；《社会团体登记管理条例》第三十五条、《民办非企业单位登记管理暂行条例》第三十条
/// （年度检查不得收取费用）。登记管理机关办理社会组织登记不收取费用。
pub const FEE: &str = "不收费";

/// 咨询电话: the nationwide 12345政务服务便民热线; a bureau's own number is configured by the
/// deployment.
pub const CONSULT_PHONE: &str = "12345";

/// 监督投诉电话: likewise 12345 until a deployment configures its own.
pub const SUPERVISE_PHONE: &str = "12345";

/// 办理地点.
pub const PLACE: &str =
    "网上办理：本平台“网上办事”；窗口办理：登记管理机关（民政部门）政务服务窗口";

const DELIVERY: &str = "网上查看：在本平台“我的申请”查看办理结果和理由；窗口领取：到登记管理机关政务服务窗口领取证书或者决定书；邮寄送达：需要邮寄的，向登记管理机关提出后按提供的地址寄送";

const ACCEPT: &str = "受理：登记管理机关收到申请后5个工作日内决定是否受理；材料不齐全或者不符合法定形式的，一次性告知需要补正的全部内容，补正时间不计入办理时限";

const fn m(name: &'static str, form: MaterialForm, required: bool, note: &'static str) -> Material {
    Material {
        name,
        form,
        copies: 1,
        required,
        note,
    }
}

use MaterialForm as F;

// 成立登记 is a 行政许可 (《社会团体登记管理条例》, 《基金会管理条例》, 《民办非企业单位登记
// 管理暂行条例》 — 社会团体、基金会、民办非企业单位成立（设立）、变更、注销登记 are 行政许可
// items in the catalogues read).
static ESTABLISH: ServiceGuide = ServiceGuide {
    kind: ServiceKind::Establish,
    item_type: "行政许可",
    basis: &[
        "《社会团体登记管理条例》第九条至第十四条",
        "《基金会管理条例》第八条至第十一条",
        "《民办非企业单位登记管理暂行条例》第八条至第十二条",
        "《慈善法》第十条（申请登记为慈善组织的）",
        "《关于改革社会组织管理制度促进社会组织健康有序发展的意见》（直接登记的四类社会组织）",
        "《行政许可法》第三十二条、第三十八条、第四十四条",
    ],
    conditions: &[
        "成立社会团体：有50个以上的个人会员或者30个以上的单位会员，个人会员、单位会员混合组成的，会员总数不少于50个；有规范的名称和相应的组织机构；有固定的住所；有与其业务活动相适应的专职工作人员；有合法的资产和经费来源，全国性的社会团体有10万元以上活动资金，地方性的社会团体和跨行政区域的社会团体有3万元以上活动资金；有独立承担民事责任的能力（《社会团体登记管理条例》第十条）",
        "设立基金会：为特定的公益目的而设立；原始基金为到账货币资金，全国性公募基金会不低于800万元，地方性公募基金会不低于400万元，非公募基金会不低于200万元；有规范的名称、章程、组织机构以及与其开展活动相适应的专职工作人员；有固定的住所；能够独立承担民事责任（《基金会管理条例》第八条）",
        "成立社会服务机构（民办非企业单位）：有规范的名称、必要的组织机构；有与其业务活动相适应的从业人员；有与其业务活动相适应的合法财产；有必要的场所（《民办非企业单位登记管理暂行条例》第八条）",
        "经业务主管单位审查同意；行业协会商会类、科技类、公益慈善类、城乡社区服务类社会组织可以直接向民政部门申请登记，无需业务主管单位审查同意",
        "名称应当与业务范围、成员分布、活动地域相一致；地方性社会组织和社会服务机构的名称不得冠以“中国”“全国”“中华”等字样",
        "宗旨、业务范围符合法律法规和国家政策；同一行政区域内没有业务范围相同或者相似、没有必要重复成立的组织；发起人、拟任负责人没有正在或者曾经受到剥夺政治权利的刑事处罚，具有完全民事行为能力（《社会团体登记管理条例》第十三条）",
    ],
    materials: &[
        // The five documents of 《社会团体登记管理条例》第十一条 (its counterparts:
        // 《基金会管理条例》第九条, 《民办非企业单位登记管理暂行条例》第九条) are required.
        m(
            "登记申请书",
            F::Original,
            true,
            "由发起人（举办者）签署；设立基金会的为设立申请书",
        ),
        m(
            "章程草案",
            F::Original,
            true,
            "载明《社会团体登记管理条例》第十四条、《基金会管理条例》第十条或者《民办非企业单位登记管理暂行条例》第十条规定的事项",
        ),
        m(
            "住所使用证明",
            F::Copy,
            true,
            "住所（场所）的产权证明，或者租赁、无偿使用协议及出租（出借）方的产权证明；窗口办理的，核验原件",
        ),
        m(
            "验资报告或资金证明",
            F::Original,
            true,
            "会计师事务所出具的验资报告或者银行出具的资金证明；基金会的原始基金须为到账货币资金",
        ),
        m(
            "拟任负责人身份证明（复印件）",
            F::Copy,
            true,
            "发起人和拟任负责人的身份证明复印件，附其基本情况（简历）",
        ),
        // 第十一条第二项; needed only where a 业务主管单位 exists (the four directly registered
        // kinds of the 2016 中办、国办 意见 have none).
        m(
            "业务主管单位批准文件",
            F::Original,
            false,
            "需业务主管单位的，提交其批准文件；行业协会商会类、科技类、公益慈善类、城乡社区服务类社会组织直接登记的，无需提交",
        ),
        m(
            "理事名单及负责人简历",
            F::Original,
            false,
            "设立基金会的，提交理事名单、身份证明以及拟任理事长、副理事长、秘书长简历（《基金会管理条例》第九条）",
        ),
    ],
    steps: &[
        "申请：发起人（举办者）注册并登录个人账号，在线填写成立登记申请表，上传申请材料后提交",
        ACCEPT,
        "审查：对申请材料进行审查，必要时核实住所、资金和拟任负责人等情况",
        "决定：自收到全部有效文件之日起60日内作出准予登记或者不予登记的决定（申请登记为慈善组织的，自受理之日起30日内）；不予登记的，书面说明理由，并告知依法申请行政复议或者提起行政诉讼的权利",
        "送达：准予登记的，自决定之日起10个工作日内发给登记证书，登记管理机关将成立登记予以公告",
    ],
    // 《社会团体登记管理条例》第十二条, 《基金会管理条例》第十一条, 《民办非企业单位登记管理
    // 暂行条例》第十一条: 60 日. (《慈善法》第十条 gives 30 日 from 受理 where the applicant asks
    // to be registered as a 慈善组织 — said in the decision step.)
    statutory_days: Some(60),
    result: "准予登记的，发给《社会团体法人登记证书》《基金会法人登记证书》或者《民办非企业单位（法人）登记证书》；不予登记的，出具不予登记决定书并说明理由",
    result_delivery: DELIVERY,
};

static CHANGE: ServiceGuide = ServiceGuide {
    kind: ServiceKind::Change,
    item_type: "行政许可",
    basis: &[
        "《社会团体登记管理条例》第十二条第二款、第十八条、第二十三条、第二十七条",
        "《基金会管理条例》第十五条、第十九条、第三十七条",
        "《民办非企业单位登记管理暂行条例》第十五条、第十八条、第二十二条",
        "《行政许可法》第三十二条、第三十八条、第四十二条",
    ],
    conditions: &[
        "已在本登记管理机关登记的社会团体、基金会、社会服务机构，登记事项（名称、住所、宗旨、业务范围、活动地域、法定代表人、活动资金或者开办资金、业务主管单位等）需要变更",
        "变更事项已经会员（代表）大会或者理事会依照章程表决通过",
        "有业务主管单位的，变更事项已经业务主管单位审查同意，并自同意之日起30日内申请（《社会团体登记管理条例》第十八条、《民办非企业单位登记管理暂行条例》第十五条）",
        "变更后的登记事项仍然符合成立登记的条件，如固定的住所、法定的活动资金或者原始基金数额",
        "更换法定代表人的，更换前已进行财务审计（《社会团体登记管理条例》第二十七条、《基金会管理条例》第三十七条、《民办非企业单位登记管理暂行条例》第二十二条）",
    ],
    materials: &[
        m(
            "变更登记申请书",
            F::Original,
            true,
            "由法定代表人签署，写明变更事项及变更前后的内容",
        ),
        m(
            "理事会或会员大会决议",
            F::Original,
            false,
            "依照章程须经会员（代表）大会或者理事会表决的，提交会议决议或者纪要",
        ),
        m(
            "业务主管单位审查文件",
            F::Original,
            false,
            "有业务主管单位的，提交其审查同意的文件；直接登记的无需提交",
        ),
        m(
            "变更事项证明材料",
            F::Copy,
            false,
            "变更住所的，提交新住所使用证明；变更法定代表人的，提交其身份证明和财务审计报告；变更活动资金（开办资金、原始基金）的，提交验资报告或者资金证明",
        ),
        m(
            "登记证书正本、副本",
            F::Original,
            false,
            "变更登记证书载明事项的，交回换发",
        ),
    ],
    steps: &[
        "申请：有业务主管单位的，先经其审查同意；已登记的社会组织登录本组织账号，在线填写变更事项，上传申请材料后提交",
        ACCEPT,
        "审查：对变更事项和申请材料进行审查",
        "决定：自受理之日起20个工作日内作出准予变更登记或者不予变更登记的决定，经负责人批准可以延长10个工作日并告知延长理由；不予变更的，书面说明理由",
        "送达：准予变更的，登记证书载明事项变更的换发登记证书；变更名称、住所、法定代表人的，由登记管理机关予以公告",
    ],
    // The 条例 set no decision limit for 变更登记 (第十八条's 30 日 is the organization's time
    // to apply), so 《行政许可法》第四十二条 applies: 20 working days, extendable by 10.
    statutory_days: Some(20),
    result: "准予变更登记的，出具准予变更登记决定，登记证书载明事项变更的换发登记证书；不予变更登记的，出具不予变更登记决定书并说明理由",
    result_delivery: DELIVERY,
};

static DEREGISTER: ServiceGuide = ServiceGuide {
    kind: ServiceKind::Deregister,
    item_type: "行政许可",
    basis: &[
        "《社会团体登记管理条例》第十九条至第二十三条",
        "《基金会管理条例》第十六条、第十八条、第十九条",
        "《民办非企业单位登记管理暂行条例》第十六条至第十八条",
        "《慈善法》第十七条、第十八条（慈善组织）",
        "《行政许可法》第三十二条、第三十八条、第四十二条",
    ],
    conditions: &[
        "有下列情形之一：完成章程规定的宗旨；自行解散；分立、合并；由于其他原因终止（《社会团体登记管理条例》第十九条、《基金会管理条例》第十六条、《民办非企业单位登记管理暂行条例》第十六条）",
        "有业务主管单位的，已经业务主管单位审查同意",
        "已在业务主管单位（没有业务主管单位的，在登记管理机关）和其他有关机关的指导下成立清算组织，完成清算工作，并自清算结束之日起15日内申请",
        "慈善组织清算后的剩余财产，已按照章程的规定转给宗旨相同或者相近的慈善组织（《慈善法》第十八条）",
    ],
    materials: &[
        m(
            "注销登记申请书",
            F::Original,
            true,
            "由法定代表人签署（《社会团体登记管理条例》第二十一条）",
        ),
        m(
            "清算报告",
            F::Original,
            true,
            "清算组织出具的清算报告书，写明资产、债务和剩余财产的处理",
        ),
        m(
            "业务主管单位审查文件",
            F::Original,
            false,
            "有业务主管单位的，提交其审查同意注销的文件（《社会团体登记管理条例》第二十一条）；直接登记的无需提交",
        ),
        m(
            "理事会或会员大会决议",
            F::Original,
            false,
            "自行解散、分立、合并的，提交会员（代表）大会或者理事会关于终止的决议",
        ),
        m(
            "登记证书正本、副本",
            F::Original,
            false,
            "准予注销登记的，登记证书、印章和财务凭证由登记管理机关收缴",
        ),
    ],
    steps: &[
        "清算：在业务主管单位（没有业务主管单位的，在登记管理机关）和其他有关机关的指导下成立清算组织，完成清算；清算期间不得开展清算以外的活动",
        "申请：自清算结束之日起15日内，登录本组织账号提交注销登记申请和申请材料",
        ACCEPT,
        "审查：对清算报告和其他申请材料进行审查",
        "决定：自受理之日起20个工作日内作出准予注销登记或者不予注销登记的决定，经负责人批准可以延长10个工作日并告知延长理由；不予注销的，书面说明理由",
        "送达：准予注销登记的，发给注销证明文件，收缴登记证书、印章和财务凭证，并予以公告",
    ],
    // As for 变更: the 条例's 15 日 is the organization's time to apply after 清算; the decision
    // limit is 《行政许可法》第四十二条's 20 working days.
    statutory_days: Some(20),
    result: "准予注销登记的，发给注销证明文件；不予注销登记的，出具不予注销登记决定书并说明理由",
    result_delivery: DELIVERY,
};

// 年度检查 is listed as 其他行政权力 in most 权力清单 and 政务服务事项目录 read (older guides
// call it 非行政许可审批; some local catalogues list it as 行政检查). It is not a 行政许可: it
// grants nothing, it reviews the year's report.
static ANNUAL_REPORT: ServiceGuide = ServiceGuide {
    kind: ServiceKind::AnnualReport,
    item_type: "其他行政权力",
    basis: &[
        "《社会团体登记管理条例》第二十四条、第二十八条",
        "《基金会管理条例》第三十四条、第三十六条",
        "《民办非企业单位登记管理暂行条例》第十九条、第二十三条",
        "《慈善法》第十三条（慈善组织）",
        "《社会组织信用信息管理办法》（民政部令第60号）第七条",
    ],
    conditions: &[
        "在本登记管理机关登记的社会团体、基金会、社会服务机构，报送上一年度的工作报告",
        "基金会于每年3月31日前报送，报送前经业务主管单位审查同意（《基金会管理条例》第三十六条）",
        "社会团体、社会服务机构于每年3月31日前报业务主管单位初审，初审同意后于5月31日前报送登记管理机关（《社会团体登记管理条例》第二十八条、《民办非企业单位登记管理暂行条例》第二十三条）；没有业务主管单位的，于5月31日前直接报送",
        // unverified nationally: the 6月30日 cut-off follows provincial 年检 notices (see
        // `credit::abnormal::FIRST_HALF_ENDS`).
        "当年6月30日以后成立登记的，自下一年度起报送（以登记管理机关当年的年检通知为准）",
        "慈善组织同时报送年度工作报告和财务会计报告（《慈善法》第十三条）",
    ],
    materials: &[
        m(
            "年度工作报告",
            F::Original,
            true,
            "包括遵守法律法规和国家政策、履行登记手续、按照章程开展活动、人员和机构变动以及财务管理的情况",
        ),
        // Required by law for 基金会 (《基金会管理条例》第三十六条: 注册会计师审计报告) and for
        // 慈善组织 with 公开募捐资格 (《慈善法》第七十八条), not for every organization — so not
        // required here; the registrar asks for it where the kind needs it.
        m(
            "财务审计报告",
            F::Original,
            false,
            "基金会和具有公开募捐资格的慈善组织，提交注册会计师出具的上一年度审计报告（《基金会管理条例》第三十六条、《慈善法》第七十八条）",
        ),
        m(
            "业务主管单位初审意见",
            F::Original,
            false,
            "有业务主管单位的，提交其初审同意的意见；直接登记的无需提交",
        ),
    ],
    steps: &[
        "报送：在规定期限内登录本组织账号，填报上一年度工作报告并上传材料；有业务主管单位的，先经其初审同意",
        ACCEPT,
        "审查：对遵守法律法规和国家政策、履行登记手续、按照章程开展活动、人员和机构变动以及财务管理等情况进行审查",
        "结论：作出年检合格或者年检不合格的结论；不合格的，说明理由",
        "公布：年检结论在本平台公布；逾期未报送年度工作报告的，依照《社会组织信用信息管理办法》列入活动异常名录",
    ],
    // No statute sets a time limit for the review; `decision_days()` is the platform's choice.
    statutory_days: None,
    result: "年度检查结论：年检合格或者年检不合格（不合格的说明理由）",
    result_delivery: "网上查看：在本平台“我的申请”查看年检结论和理由；年检结论在本平台公布",
};

// 评估 is a 公共服务 here: the organization applies voluntarily and gets a grade, not a licence.
// Uncertain: some local catalogues list 社会组织评估 as 其他行政权力 or 行政确认.
static EVALUATION: ServiceGuide = ServiceGuide {
    kind: ServiceKind::Evaluation,
    item_type: "公共服务",
    basis: &[
        "《社会组织评估管理办法》（民政部令第39号）第六条、第七条",
        "《慈善法》第一百零六条第二款（慈善组织评估）",
    ],
    conditions: &[
        "取得社会团体、基金会或者民办非企业单位登记证书满两个年度，未参加过社会组织评估；或者获得的评估等级满5年有效期（《社会组织评估管理办法》第六条）",
        "没有下列情形：未参加上年度年度检查；上年度年度检查不合格或者连续2年基本合格；上年度受到有关政府部门行政处罚或者行政处罚尚未执行完毕；正在被有关政府部门或者司法机关立案调查（《社会组织评估管理办法》第七条）",
        "在登记管理机关发布的评估通知规定的期限内申请",
    ],
    materials: &[
        m(
            "评估申请书",
            F::Original,
            true,
            "由法定代表人签署，写明申请评估的类别",
        ),
        m(
            "自评报告",
            F::Original,
            false,
            "对照评估指标逐项自评，写明得分和依据",
        ),
        m(
            "评估指标佐证材料",
            F::Copy,
            false,
            "按评估指标准备的章程、会议纪要、制度文件、财务资料等，实地考察时核验原件",
        ),
    ],
    steps: &[
        "申请：登记管理机关发布评估通知后，符合条件的社会组织登录本组织账号提交评估申请书和自评报告",
        "受理：登记管理机关收到申请后5个工作日内审核参评资格，决定是否受理；材料不齐全的，一次性告知需要补正的全部内容，不符合参评条件的说明理由",
        "评估：评估机构组织评估专家组进行实地考察，按照评估指标评分，提出初步评估意见",
        // unverified: the 公示 and 复核 steps are described from the 办法's scheme without
        // article numbers.
        "评定：评估委员会审核初步评估意见，确定评估等级并向社会公示；对评估结果有异议的，可以申请复核",
        "公告：民政部门确认评估等级并公告，向获得评估等级的社会组织颁发证书和牌匾；评估等级有效期为5年",
    ],
    // No statute sets a time limit; `decision_days()` is the platform's choice.
    statutory_days: None,
    result: "评估等级（1A级至5A级）及评估等级证书、牌匾；不予评定等级的，说明理由",
    result_delivery: DELIVERY,
};

// 公开募捐资格 is a 行政许可 (慈善组织公开募捐资格审批 in the 权力清单 read). Uncertain: a few
// catalogues file it otherwise; 慈善组织认定, a different item, is a 行政确认.
static FUNDRAISING: ServiceGuide = ServiceGuide {
    kind: ServiceKind::Fundraising,
    item_type: "行政许可",
    basis: &[
        "《慈善法》第二十二条",
        "《慈善组织公开募捐管理办法》（民政部令第74号）第五条",
        "《行政许可法》第三十二条、第三十八条",
    ],
    conditions: &[
        "依法登记满一年的慈善组织，或者认定为慈善组织满一年的社会组织（《慈善法》第二十二条）",
        "内部治理结构健全、运作规范：理事会能够有效决策，负责人任职符合有关规定，理事会成员和负责人勤勉尽职、诚实守信",
        "理事会成员来自同一组织以及相互间存在关联关系组织的不超过三分之一，相互间具有近亲属关系的没有同时在理事会任职；理事会成员中非内地居民不超过三分之一，法定代表人由内地居民担任；秘书长为专职，理事长（会长）、秘书长不由同一人兼任；有与开展活动相适应的专职工作人员",
        // unverified: items from here on condense the 2024 办法's list as summarised by the
        // 民政部's 解读, whose full text was not available.
        "监事能够依法履行监督职责；内部管理和风险控制制度健全并有效执行",
        "上一年度慈善活动的年度支出和管理费用符合规定，执行国家统一的会计制度，按时报送年度工作报告",
        "申请前一年内没有违反法律、法规、国家政策的行为",
    ],
    materials: &[
        m(
            "公开募捐资格申请书",
            F::Original,
            true,
            "写明本组织符合申请条件的具体情况，并作出书面承诺",
        ),
        // unverified: the exact audit requirement of the 2024 办法's material list.
        m(
            "近两年财务审计报告",
            F::Original,
            false,
            "注册会计师出具的财务审计报告，含慈善活动年度支出和管理费用情况",
        ),
        m(
            "内部治理结构说明",
            F::Original,
            false,
            "理事会、监事（监事会）的组成和履职情况，以及内部管理和风险控制制度",
        ),
    ],
    steps: &[
        "申请：依法登记或者认定为慈善组织满一年的组织，登录本组织账号提交公开募捐资格申请书和申请材料",
        ACCEPT,
        "审查：对内部治理、运作规范和财务情况进行审查，必要时进行实地核查",
        "决定：自受理之日起20个工作日内作出决定；符合条件的，发给公开募捐资格证书；不符合条件的，不发给并书面说明理由（《慈善法》第二十二条）",
        "送达：公开募捐资格证书可以到窗口领取或者邮寄送达；具有公开募捐资格的慈善组织名单向社会公开",
    ],
    // 《慈善法》第二十二条: 二十日 from 受理 (repeated by the 办法).
    statutory_days: Some(20),
    result: "符合条件的，发给公开募捐资格证书；不符合条件的，出具不予发给决定书并说明理由",
    result_delivery: DELIVERY,
};

// 移出严重违法失信名单 is 其他行政权力: a decision on the credit record, neither a licence nor
// a confirmation of a status.
static CREDIT_REMOVAL: ServiceGuide = ServiceGuide {
    kind: ServiceKind::CreditRemoval,
    item_type: "其他行政权力",
    // The 办法's article numbers from 第八条 on are not verified (see `credit`), so no article.
    basis: &["《社会组织信用信息管理办法》（民政部令第60号）"],
    conditions: &[
        "被列入严重违法失信名单满2年，且期间未再出现应当列入的情形；期间再次出现应当列入情形的，2年期限重新计算",
        "因列入活动异常名录满2年而被列入的，须已履行相关义务或者完成整改",
        "因被吊销登记证书、撤销成（设）立登记而被列入的，完成注销登记后由登记管理机关移出，无需申请",
    ],
    materials: &[
        m(
            "移出严重违法失信名单申请书",
            F::Original,
            true,
            "写明列入的时间和事由，以及申请移出的理由",
        ),
        m(
            "履行相关义务或者完成整改的证明材料",
            F::Copy,
            false,
            "因列入活动异常名录满2年而被列入的，提交已补报年度工作报告、已履行相关义务或者已完成整改的证明",
        ),
    ],
    steps: &[
        "申请：列入满2年且期间未再出现应当列入情形的组织，登录本组织账号提交移出申请书和证明材料",
        ACCEPT,
        "核实：登记管理机关核实列入时间、期间有无新的列入情形，以及相关义务是否已经履行、整改是否已经完成",
        "决定：作出准予移出或者不予移出的决定；不予移出的，说明理由",
        "更新：准予移出的，在本平台更新信用信息并向社会公开",
    ],
    // The 办法 sets no time limit for the decision; `decision_days()` is the platform's choice.
    statutory_days: None,
    result: "准予移出的，作出移出决定并更新信用信息；不予移出的，出具不予移出决定并说明理由",
    result_delivery: "网上查看：在本平台“我的申请”查看办理结果和理由；移出后的信用信息在本平台公开",
};

impl ServiceGuide {
    /// The guide of `kind`.
    pub fn of(kind: ServiceKind) -> &'static ServiceGuide {
        match kind {
            ServiceKind::Establish => &ESTABLISH,
            ServiceKind::Change => &CHANGE,
            ServiceKind::Deregister => &DEREGISTER,
            ServiceKind::AnnualReport => &ANNUAL_REPORT,
            ServiceKind::Evaluation => &EVALUATION,
            ServiceKind::Fundraising => &FUNDRAISING,
            ServiceKind::CreditRemoval => &CREDIT_REMOVAL,
        }
    }

    /// Every character the guides print, for a font-coverage test: every text of every guide,
    /// the service labels, the material forms' labels, [`FEE`], the phones and [`PLACE`].
    pub fn all_text() -> String {
        let mut s = String::new();
        for kind in ServiceKind::ALL {
            let g = ServiceGuide::of(*kind);
            s.push_str(kind.label());
            s.push_str(g.item_type);
            for t in g.basis.iter().chain(g.conditions).chain(g.steps) {
                s.push_str(t);
            }
            for mat in g.materials {
                s.push_str(mat.name);
                s.push_str(mat.note);
                s.push_str(&mat.copies.to_string());
            }
            if let Some(d) = g.statutory_days {
                s.push_str(&d.to_string());
            }
            s.push_str(g.result);
            s.push_str(g.result_delivery);
        }
        for f in MaterialForm::ALL {
            s.push_str(f.label());
        }
        for t in [FEE, CONSULT_PHONE, SUPERVISE_PHONE, PLACE] {
            s.push_str(t);
        }
        s
    }
}

impl ServiceKind {
    /// The materials (申请材料) of the service's 办事指南.
    pub fn materials(self) -> &'static [Material] {
        ServiceGuide::of(self).materials
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::applications::procedure::ACCEPT_DAYS;

    #[test]
    fn every_service_has_its_guide() {
        for kind in ServiceKind::ALL {
            let g = ServiceGuide::of(*kind);
            assert_eq!(g.kind, *kind);
            assert!(g.materials.iter().any(|m| m.required), "{kind}");
            assert!(!g.basis.is_empty() && !g.conditions.is_empty() && !g.steps.is_empty());
            assert!(!g.item_type.is_empty() && !g.result.is_empty());
            assert!(!g.result_delivery.is_empty(), "{kind}");
            assert!(
                g.materials
                    .iter()
                    .all(|m| !m.name.is_empty() && m.copies >= 1)
            );
            assert_eq!(kind.materials(), g.materials);
        }
    }

    #[test]
    fn material_names_are_unique_within_a_guide() {
        for kind in ServiceKind::ALL {
            let names: Vec<&str> = kind.materials().iter().map(|m| m.name).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), names.len(), "{kind}: {names:?}");
        }
    }

    #[test]
    fn establishment_requires_the_documents_of_article_11() {
        let materials = ServiceKind::Establish.materials();
        for name in [
            "登记申请书",
            "章程草案",
            "住所使用证明",
            "验资报告或资金证明",
            "拟任负责人身份证明（复印件）",
        ] {
            assert!(
                materials.iter().any(|m| m.name == name && m.required),
                "{name}"
            );
        }
        let approval = materials.iter().find(|m| m.name == "业务主管单位批准文件");
        assert_eq!(approval.map(|m| m.required), Some(false));
    }

    #[test]
    fn the_stored_material_names_are_kept() {
        let kept: &[(ServiceKind, &str, bool)] = &[
            (ServiceKind::Change, "变更登记申请书", true),
            (ServiceKind::Change, "理事会或会员大会决议", false),
            (ServiceKind::Deregister, "注销登记申请书", true),
            (ServiceKind::Deregister, "清算报告", true),
            (ServiceKind::Deregister, "业务主管单位审查文件", false),
            (ServiceKind::AnnualReport, "年度工作报告", true),
            (ServiceKind::AnnualReport, "财务审计报告", false),
            (ServiceKind::Evaluation, "评估申请书", true),
            (ServiceKind::Evaluation, "自评报告", false),
            (ServiceKind::Fundraising, "公开募捐资格申请书", true),
            (ServiceKind::Fundraising, "近两年财务审计报告", false),
            (ServiceKind::Fundraising, "内部治理结构说明", false),
            (
                ServiceKind::CreditRemoval,
                "移出严重违法失信名单申请书",
                true,
            ),
            (
                ServiceKind::CreditRemoval,
                "履行相关义务或者完成整改的证明材料",
                false,
            ),
        ];
        for (kind, name, required) in kept {
            let found = kind.materials().iter().find(|m| m.name == *name);
            assert_eq!(found.map(|m| m.required), Some(*required), "{kind} {name}");
        }
    }

    #[test]
    fn statutory_limits_only_where_a_statute_sets_one() {
        let days = |k: ServiceKind| ServiceGuide::of(k).statutory_days;
        for k in [ServiceKind::Establish, ServiceKind::Fundraising] {
            assert_eq!(days(k), Some(k.decision_days()));
        }
        // 《行政许可法》第四十二条: 20, the platform keeps 20 + the 10-day extension.
        for k in [ServiceKind::Change, ServiceKind::Deregister] {
            assert_eq!(days(k), Some(20));
            assert!(k.decision_days() <= 30);
        }
        for k in [
            ServiceKind::AnnualReport,
            ServiceKind::Evaluation,
            ServiceKind::CreditRemoval,
        ] {
            assert_eq!(days(k), None);
        }
    }

    #[test]
    fn every_procedure_states_the_acceptance_limit() {
        let accept = format!("{ACCEPT_DAYS}个工作日内");
        for kind in ServiceKind::ALL {
            let steps = ServiceGuide::of(*kind).steps;
            assert!(steps.iter().any(|s| s.contains(&accept)), "{kind}");
        }
    }

    #[test]
    fn texts_use_full_width_punctuation() {
        let text = ServiceGuide::all_text();
        assert!(text.contains("不收费") && text.contains("原件及复印件"));
        for c in ['(', ')', ',', ';', ':', '"', '<', '>'] {
            assert!(!text.contains(c), "half-width {c:?}");
        }
    }
}
