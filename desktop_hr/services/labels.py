"""Display names of enum values and tables in both languages, and lenient parsing of what clerks type."""

from __future__ import annotations

import enum
import unicodedata
from typing import TypeVar

from desktop_hr import messages
from desktop_hr.models import (
    AppliesTo,
    AssignmentType,
    AttendanceStatus,
    CertificateKind,
    CourseCategory,
    CourseClassification,
    Delivery,
    DepartmentKind,
    Dimension,
    EmployeeStatus,
    EnrolmentSource,
    EnrolmentStatus,
    Gender,
    Measure,
    PeriodKind,
    PersonnelCategory,
    PointCategory,
    Rank,
    RedemptionStatus,
    Role,
    SessionStatus,
    SignInMethod,
    SubjectType,
    TrainerLevel,
    TrainerTrack,
)
from desktop_hr.models.development import NeedStatus, NominationStatus

E = TypeVar("E", bound=enum.Enum)

# Values in the Excel exchange formats are written in Chinese, whatever the window's language.
FORMAT_LANGUAGE = "zh_CN"

# member -> (zh_CN, en, extra spellings accepted on input). Keyed by (class, value) below because
# StrEnum members of different classes with the same value ("senior") are equal as dict keys,
# so the table is a list.
_LABELS: list[tuple[enum.Enum, str, str, tuple[str, ...]]] = [
    (Role.ADMIN, "人事管理员", "HR administrator", ("管理员", "administrator")),
    (Role.CLERK, "人事专员", "HR clerk", ("专员", "经办人", "clerk")),
    (Role.DEPARTMENT_HEAD, "部门负责人", "Department head", ("部门经理", "负责人", "head")),
    (Role.AUDITOR, "审计员", "Auditor", ("审计", "检查员", "auditor")),
    (Gender.MALE, "男", "Male", ("m", "男性")),
    (Gender.FEMALE, "女", "Female", ("f", "女性")),
    (Rank.STAFF, "员工", "Staff", ("普通员工", "基层", "职员", "一般员工")),
    (Rank.MIDDLE, "中层", "Middle manager", ("中层管理", "中层干部", "中层管理人员", "middle")),
    (Rank.SENIOR, "高层", "Senior", ("高管", "高级管理", "高层管理", "高层管理人员")),
    (PersonnelCategory.MANAGEMENT, "管理人员", "Management", ("管理", "management")),
    (
        PersonnelCategory.PROFESSIONAL,
        "专业技术人员",
        "Professional & technical",
        ("专业技术", "专技", "专技人员", "professional"),
    ),
    (
        PersonnelCategory.SKILLED,
        "工勤技能",
        "Skilled worker",
        ("工勤技能人员", "工勤", "工勤人员", "skilled"),
    ),
    (EmployeeStatus.PROBATION, "试用", "Probation", ("试用期", "试用中")),
    (EmployeeStatus.ACTIVE, "在职", "Active", ("正式", "在岗", "转正", "已转正")),
    (EmployeeStatus.LEFT, "离职", "Left", ("已离职", "离岗", "left")),
    (TrainerLevel.JUNIOR, "初级", "Junior", ("初级内训师",)),
    (TrainerLevel.INTERMEDIATE, "中级", "Intermediate", ("中级内训师",)),
    (TrainerLevel.SENIOR, "高级", "Senior", ("高级内训师",)),
    (DepartmentKind.COMPANY, "公司", "Company", ("总公司",)),
    (DepartmentKind.BRANCH, "分部", "Branch", ("分公司",)),
    (DepartmentKind.DEPARTMENT, "部门", "Department", ()),
    (CourseCategory.REQUIRED, "必修", "Required", ("必修课",)),
    (CourseCategory.ELECTIVE, "选修", "Elective", ("选修课",)),
    (CourseCategory.PRACTICE, "实践", "Practice", ("实践课", "实操")),
    (CourseClassification.INITIAL, "初任培训", "Initial", ("初任",)),
    (CourseClassification.APPOINTMENT, "任职培训", "Appointment", ("任职",)),
    (
        CourseClassification.SPECIALISED,
        "专门业务培训",
        "Specialised",
        ("专门业务", "专业业务培训", "specialized"),
    ),
    (CourseClassification.IN_SERVICE, "在职培训", "In-service", ("在职", "in service")),
    (SubjectType.PROFESSIONAL, "专业科目", "Professional", ("专业",)),
    (SubjectType.GENERAL, "公需科目", "General", ("公需",)),
    (Delivery.OFFLINE, "线下", "Offline", ("面授", "现场")),
    (Delivery.ONLINE, "线上", "Online", ("网络", "在线", "网课")),
    (SessionStatus.PLANNED, "计划中", "Planned", ("计划", "未开始")),
    (SessionStatus.OPEN, "报名中", "Open", ("开放", "开放报名")),
    (SessionStatus.FINISHED, "已结束", "Finished", ("结束", "已完成")),
    (SessionStatus.CANCELLED, "已取消", "Cancelled", ("取消", "canceled")),
    (AssignmentType.REFLECTION, "心得", "Reflection", ("心得体会", "学习心得")),
    (AssignmentType.ACTION_PLAN, "行动计划", "Action plan", ("action plan",)),
    (AssignmentType.HOMEWORK, "作业", "Homework", ("课后作业",)),
    (EnrolmentStatus.ENROLLED, "已报名", "Enrolled", ("报名",)),
    (EnrolmentStatus.WAITLISTED, "候补", "Waitlisted", ("候补中", "排队")),
    (EnrolmentStatus.CANCELLED, "已取消", "Cancelled", ("取消",)),
    (EnrolmentSource.HR, "人事报名", "By HR", ("人事", "HR")),
    (EnrolmentSource.HEAD, "部门负责人报名", "By department head", ("部门负责人", "负责人")),
    (EnrolmentSource.RECOMMENDED, "推荐", "Recommended", ("推荐报名",)),
    (AttendanceStatus.PRESENT, "出勤", "Present", ("签到", "已签到", "到")),
    (AttendanceStatus.LATE, "迟到", "Late", ()),
    (AttendanceStatus.ABSENT, "缺勤", "Absent", ("缺席", "未到")),
    (AttendanceStatus.EXCUSED, "请假", "Excused", ("事假", "病假")),
    (AttendanceStatus.COMPLETED, "完成", "Completed", ("已完成", "学完")),
    (SignInMethod.GRID, "手工", "By hand", ()),
    (SignInMethod.KIOSK, "自助签到", "Kiosk", ()),
    (SignInMethod.IMPORT, "导入", "Import", ()),
    (PointCategory.PARTICIPATION, "参与", "Participation", ("参与类",)),
    (PointCategory.OUTPUT, "输出", "Output", ("输出类",)),
    (PointCategory.SHARING, "分享", "Sharing", ("分享类",)),
    (PointCategory.OTHER, "其他", "Other", ("其它",)),
    (RedemptionStatus.REQUESTED, "待审批", "Requested", ("申请", "已申请")),
    (RedemptionStatus.APPROVED, "已批准", "Approved", ("批准",)),
    (RedemptionStatus.REJECTED, "已驳回", "Rejected", ("驳回", "拒绝")),
    (RedemptionStatus.FULFILLED, "已兑现", "Fulfilled", ("兑现", "已发放")),
    (RedemptionStatus.CANCELLED, "已撤销", "Cancelled", ("撤销",)),
    (CertificateKind.COMPLETION, "结业证书", "Completion certificate", ("结业",)),
    (CertificateKind.EXCELLENT_TRAINER, "优秀内训师证书", "Excellent trainer certificate", ("优秀内训师",)),
    (CertificateKind.ANNUAL_CREDITS, "年度学分证书", "Annual credit certificate", ("年度学分",)),
    (AppliesTo.EVERYONE, "全体人员", "Everyone", ("全体", "所有人")),
    (AppliesTo.PERSONNEL_CATEGORY, "人员类别", "Personnel category", ()),
    (AppliesTo.POSITION, "岗位", "Position", ()),
    (AppliesTo.RANK, "职级", "Rank", ()),
    (AppliesTo.PROBATION, "试用期人员", "People on probation", ("试用",)),
    (AppliesTo.TITLE, "职称", "Title holders", ("职称人员",)),
    (PeriodKind.CALENDAR_YEAR, "当年", "Calendar year", ("年度", "自然年")),
    (PeriodKind.LAST_YEARS, "近N年", "Last N years", ("近几年",)),
    (PeriodKind.SINCE_HIRE, "入职以来", "Since hire", ("累计",)),
    (Measure.HOURS, "学时", "Hours", ()),
    (Measure.CREDITS, "学分", "Credits", ()),
    (Dimension.CATEGORY, "课程类别", "Course category", ()),
    (Dimension.SUBJECT, "科目类型", "Subject type", ()),
    (Dimension.CLASSIFICATION, "培训类型", "Training type", ()),
    (Dimension.DELIVERY, "授课方式", "Delivery", ()),
    (Dimension.COMPETENCY, "能力项", "Competency", ()),
    (TrainerTrack.BASIC, "内训师基础培训", "Trainer basic training", ("基础培训",)),
    (TrainerTrack.SPECIALISED, "内训师专项培训", "Trainer specialised training", ("专项培训",)),
    (NominationStatus.PENDING, "待审核", "Pending", ("待定",)),
    (NominationStatus.ACCEPTED, "已接受", "Accepted", ("接受", "通过")),
    (NominationStatus.DECLINED, "未接受", "Declined", ("不接受", "拒绝")),
    (NeedStatus.NEW, "新提交", "New", ("新",)),
    (NeedStatus.ADOPTED, "已采纳", "Adopted", ("采纳",)),
    (NeedStatus.SCHEDULED, "已排课", "Scheduled", ("排课",)),
    (NeedStatus.CLOSED, "已关闭", "Closed", ("关闭",)),
]

_ENUMS: dict[tuple[type[enum.Enum], object], tuple[str, str, tuple[str, ...]]] = {
    (type(member), member.value): (zh, en, extra) for member, zh, en, extra in _LABELS
}


TABLES: dict[str, tuple[str, str]] = {
    "employee": ("员工", "employee"),
    "department": ("部门", "department"),
    "position": ("岗位", "position"),
    "competency": ("能力项", "competency"),
    "performance_review": ("绩效考核", "performance review"),
    "review_item": ("考核分项", "review item"),
    "career_goal": ("职业目标", "career goal"),
    "position_competency": ("岗位能力", "position competency"),
    "course": ("课程", "course"),
    "course_competency": ("课程能力项", "course competency"),
    "course_material": ("课程素材", "course material"),
    "stored_file": ("文件", "file"),
    "training_session": ("培训班次", "training session"),
    "enrolment": ("报名", "enrolment"),
    "attendance": ("签到", "sign-in"),
    "submission": ("提交", "submission"),
    "exam_result": ("考试成绩", "exam result"),
    "feedback": ("学员评价", "feedback"),
    "training_record": ("历史培训记录", "training record"),
    "setting": ("设置", "setting"),
    "point_rule": ("积分规则", "point rule"),
    "point_entry": ("积分记录", "point entry"),
    "reward": ("奖励", "reward"),
    "redemption": ("兑换申请", "redemption"),
    "credit_milestone": ("学分里程碑", "credit milestone"),
    "milestone_unlock": ("里程碑达成", "milestone unlock"),
    "requirement": ("达标规则", "requirement"),
    "requirement_slice": ("达标条件", "requirement condition"),
    "requirement_course": ("达标必修课程", "requirement course"),
    "recognition_rule": ("学时认定规则", "credit-recognition rule"),
    "trainer_year": ("内训师年度业绩", "trainer's year"),
    "trainer_nomination": ("内训师推荐", "trainer nomination"),
    "mentorship": ("导师结对", "mentorship"),
    "mentoring_log": ("带教记录", "mentoring log"),
    "mentee_evaluation": ("学员对导师评价", "mentee evaluation"),
    "training_need": ("培训需求", "training need"),
    "certificate": ("证书", "certificate"),
    "print_record": ("打印记录", "print record"),
    "account": ("账号", "account"),
    "audit_entry": ("审计记录", "audit entry"),
}


def fold(value: str) -> str:
    """Full-width to half-width, no white space at all, case folded: how headers and choices are compared."""
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


def label(member: enum.Enum | None, language: str | None = None) -> str:
    """The member's name in `language` (default: the user's). Excel files always use zh_CN: their headers are Chinese."""
    if member is None:
        return ""
    zh, en, _ = _ENUMS[(type(member), member.value)]
    return en if (language or messages.language()) == "en" else zh


def table_label(table: str) -> str:
    zh, en = TABLES.get(table, (table, table))
    return en if messages.language() == "en" else zh


def choices(cls: type[E]) -> list[tuple[E, str]]:
    return [(member, label(member)) for member in cls]


def parse_enum(cls: type[E], value: str) -> E | None:
    """The member a clerk meant by `value` (Chinese, English, code or a known spelling), else None."""
    wanted = fold(value)
    for member in cls:
        zh, en, extra = _ENUMS[(cls, member.value)]
        spellings = {zh, en, str(member.value), *extra}
        if wanted in {fold(s) for s in spellings}:
            return member
    return None
