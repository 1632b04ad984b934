"""The operator's own rules: customer-ladder suggestions and how activity levels are weighed.

Stored as JSON in the settings; ``load_rules`` reads them back (defaults for anything missing or
damaged), so the Members page, its suggestions and the activity explanation all use the same.
"""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as keys
from desktop.domain.activity import LEVEL_NAMES, ActivityLevel, ActivityParams, LevelRule, Period, TierRules
from desktop.domain.enums import InteractionKind
from desktop.settings import Settings
from desktop.ui.labels import interaction_name


def rules_to_json(tiers: TierRules, params: ActivityParams) -> str:
    return json.dumps({
        "tiers": {"fan": tiers.interactions_for_fan, "member": tiers.paid_orders_for_member,
                  "partner": tiers.referrals_for_partner},
        "weights": {kind.value: weight for kind, weight in params.weights.items()},
        "windows": [list(window) for window in params.windows],
        "levels": [[int(rule.level), rule.min_score, rule.min_weeks, rule.min_months] for rule in params.rules],
        "downgrade": params.downgrade_period.value,
    }, ensure_ascii=False)


def rules_from_json(text: str) -> tuple[TierRules, ActivityParams]:
    """The stored rules; defaults for whatever is missing or unreadable."""
    tiers, params = TierRules(), ActivityParams()
    try:
        data = json.loads(text or "{}")
        saved = data.get("tiers", {})
        tiers = TierRules(int(saved.get("fan", tiers.interactions_for_fan)),
                          int(saved.get("member", tiers.paid_orders_for_member)),
                          int(saved.get("partner", tiers.referrals_for_partner)))
        weights = dict(params.weights)
        for kind, weight in data.get("weights", {}).items():
            weights[InteractionKind(kind)] = float(weight)
        windows = tuple((int(days), float(factor)) for days, factor in data.get("windows", params.windows))
        levels = tuple(LevelRule(ActivityLevel(int(level)), float(score), int(weeks), int(months))
                       for level, score, weeks, months in data.get("levels", []))
        params = replace(params, weights=weights, windows=windows or params.windows, rules=levels or params.rules,
                         downgrade_period=Period(data.get("downgrade", params.downgrade_period.value)))
    except (ValueError, TypeError, AttributeError):
        return TierRules(), ActivityParams()
    return tiers, params


def load_rules(settings: Settings) -> tuple[TierRules, ActivityParams]:
    return rules_from_json(settings.get(keys.LADDER_RULES))


class LadderSettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("客户阶梯与活跃度规则"))
        self._settings = settings
        tiers, params = load_rules(settings)

        ladder = QGroupBox(self.tr("等级建议 (0 表示不用这条规则)"))
        ladder_form = QFormLayout(ladder)
        self.fan = self._spin(tiers.interactions_for_fan, 0, 1000, self.tr(" 次发言"))
        self.member = self._spin(tiers.paid_orders_for_member, 0, 1000, self.tr(" 笔付款订单"))
        self.partner = self._spin(tiers.referrals_for_partner, 0, 1000, self.tr(" 位推荐"))
        ladder_form.addRow(self.tr("目标用户 → 粉丝: 在群里发言达到"), self.fan)
        ladder_form.addRow(self.tr("→ 会员: 达到"), self.member)
        ladder_form.addRow(self.tr("→ 合伙人候选: 推荐达到"), self.partner)

        weights = QGroupBox(self.tr("每种互动的分值"))
        grid = QGridLayout(weights)
        self.weights: dict[InteractionKind, QDoubleSpinBox] = {}
        for index, kind in enumerate(InteractionKind):
            box = QDoubleSpinBox()
            box.setRange(0, 100)
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setValue(params.weights.get(kind, 0.0))
            self.weights[kind] = box
            grid.addWidget(QLabel(interaction_name(kind)), index // 3, (index % 3) * 2)
            grid.addWidget(box, index // 3, (index % 3) * 2 + 1)

        windows = QGroupBox(self.tr("时间窗口: 越早的互动分值打折越多"))
        windows_layout = QFormLayout(windows)
        self.windows: list[tuple[QSpinBox, QDoubleSpinBox]] = []
        for days, factor in params.windows:
            day_box = self._spin(days, 1, 3650, self.tr(" 天内"))
            factor_box = QDoubleSpinBox()
            factor_box.setRange(0, 1)
            factor_box.setDecimals(2)
            factor_box.setSingleStep(0.05)
            factor_box.setValue(factor)
            factor_box.setPrefix("× ")
            row = QHBoxLayout()
            row.addWidget(day_box)
            row.addWidget(factor_box)
            row.addStretch(1)
            windows_layout.addRow(self.tr("窗口 {0}").format(len(self.windows) + 1), row)
            self.windows.append((day_box, factor_box))

        levels = QGroupBox(self.tr("活跃度等级的门槛"))
        levels_form = QFormLayout(levels)
        self.levels: list[tuple[ActivityLevel, QDoubleSpinBox, QSpinBox, QSpinBox]] = []
        for rule in params.rules:
            score = QDoubleSpinBox()
            score.setRange(0, 10_000)
            score.setDecimals(1)
            score.setValue(rule.min_score)
            score.setPrefix(self.tr("得分 ≥ "))
            weeks = self._spin(rule.min_weeks, 0, params.presence_weeks, self.tr(" 周有互动"))
            months = self._spin(rule.min_months, 0, params.presence_months, self.tr(" 个月有互动"))
            row = QHBoxLayout()
            for widget in (score, weeks, months):
                row.addWidget(widget)
            row.addStretch(1)
            levels_form.addRow(LEVEL_NAMES[rule.level], row)
            self.levels.append((rule.level, score, weeks, months))
        self.downgrade = QComboBox()
        self.downgrade.addItem(self.tr("每月"), Period.MONTH.value)
        self.downgrade.addItem(self.tr("每周"), Period.WEEK.value)
        self.downgrade.setCurrentIndex(max(self.downgrade.findData(params.downgrade_period.value), 0))
        levels_form.addRow(self.tr("降级只在期初生效"), self.downgrade)
        self._params = params

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(self.tr("恢复默认"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        for box in (ladder, weights, windows, levels):
            layout.addWidget(box)
        layout.addWidget(buttons)

    @staticmethod
    def _spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setValue(value)
        box.setSuffix(suffix)
        return box

    def rules(self) -> tuple[TierRules, ActivityParams]:
        tiers = TierRules(self.fan.value(), self.member.value(), self.partner.value())
        windows = tuple(sorted((days.value(), factor.value()) for days, factor in self.windows))
        params = replace(
            self._params,
            weights={kind: box.value() for kind, box in self.weights.items()},
            windows=windows,
            rules=tuple(LevelRule(level, score.value(), weeks.value(), months.value())
                        for level, score, weeks, months in self.levels),
            downgrade_period=Period(self.downgrade.currentData()),
        )
        return tiers, params

    def save(self) -> None:
        self._settings.set(keys.LADDER_RULES, rules_to_json(*self.rules()))
        self.accept()

    def restore_defaults(self) -> None:
        self._show(TierRules(), ActivityParams())

    def _show(self, tiers: TierRules, params: ActivityParams) -> None:
        self.fan.setValue(tiers.interactions_for_fan)
        self.member.setValue(tiers.paid_orders_for_member)
        self.partner.setValue(tiers.referrals_for_partner)
        for kind, box in self.weights.items():
            box.setValue(params.weights.get(kind, 0.0))
        for (days, factor), (value_days, value_factor) in zip(self.windows, params.windows, strict=False):
            days.setValue(value_days)
            factor.setValue(value_factor)
        for (_level, score, weeks, months), rule in zip(self.levels, params.rules, strict=False):
            score.setValue(rule.min_score)
            weeks.setValue(rule.min_weeks)
            months.setValue(rule.min_months)
        self.downgrade.setCurrentIndex(max(self.downgrade.findData(params.downgrade_period.value), 0))
