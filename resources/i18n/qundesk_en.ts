<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>ActivityBars</name>
    <message>
        <source>暂无活跃数据</source>
        <translation>No activity yet</translation>
    </message>
    <message>
        <source>{0}
消息 {1} · 活跃 {2} 人
进群 {3} · 退群 {4}</source>
        <translation>{0}
Messages {1} · active {2}
Joined {3} · left {4}</translation>
    </message>
</context>
<context>
    <name>AddRobotDialog</name>
    <message>
        <source>添加机器人 · {0}</source>
        <translation>Add robot · {0}</translation>
    </message>
    <message>
        <source>添加机器人</source>
        <translation>Add robot</translation>
    </message>
    <message>
        <source>钉钉 / 飞书开启“加签”时填写 (SEC…); 企业微信不需要</source>
        <translation>Fill in when DingTalk / Feishu signing is on (SEC…); WeCom needs none</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>在群设置 → 群机器人里复制完整的 Webhook 地址粘贴到这里。地址和密钥只保存在本机数据库, 界面和日志里只显示打码后的样子。</source>
        <translation>Copy the full webhook URL from the group settings → Group robots and paste it here. The URL and secret are kept only in this computer&apos;s database; the app and its logs show them masked.</translation>
    </message>
    <message>
        <source>Webhook 地址</source>
        <translation>Webhook URL</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>加签密钥</source>
        <translation>Signing secret</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>粘贴地址后自动识别 (企业微信 / 钉钉 / 飞书)</source>
        <translation>Recognised when you paste (WeCom / DingTalk / Feishu)</translation>
    </message>
    <message>
        <source>{0}群机器人</source>
        <translation>{0} group robot</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>无法打开数据库</source>
        <extracomment>one dispatcher for the session: its robots&apos; rate limiters carry over between runs</extracomment>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>添加附件…</source>
        <extracomment>rows the editor&apos;s list shows before it scrolls rows the queue shows before it scrolls (then half of the next one, so the scroll is evident)</extracomment>
        <translation>Add attachments…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachments</translation>
    </message>
    <message>
        <source>图片 ({0});;所有文件 (*)</source>
        <translation>Images ({0});;All files (*)</translation>
    </message>
    <message>
        <source>最多 {0} 个附件, 另外 {1} 个没有添加</source>
        <translation>At most {0} attachments; {1} more were not added</translation>
    </message>
    <message>
        <source>{0} (文件不存在)</source>
        <translation>{0} (file not found)</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <source>附件 {0} 个 (先发文字, 再逐个粘贴)</source>
        <translation>{0} attachments: send the text, then paste each</translation>
    </message>
    <message>
        <source>{0} 个文件不存在</source>
        <translation>{0} file(s) not found</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <source>文件不存在</source>
        <translation>File not found</translation>
    </message>
    <message>
        <source>复制图片</source>
        <translation>Copy image</translation>
    </message>
    <message>
        <source>复制文件</source>
        <translation>Copy file</translation>
    </message>
    <message>
        <source>放到剪贴板, 再到群聊里粘贴</source>
        <translation>Put it on the clipboard, then paste it into the group chat</translation>
    </message>
    <message>
        <source>把文件放到剪贴板, 再到群聊里粘贴</source>
        <translation>Put the file on the clipboard, then paste it into the group chat</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>BroadcastEditor</name>
    <message>
        <source>编辑群发</source>
        <translation>Edit broadcast</translation>
    </message>
    <message>
        <source>新建群发</source>
        <translation>New broadcast</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>保存并启用</source>
        <translation>Save and activate</translation>
    </message>
    <message>
        <source>存为草稿</source>
        <translation>Save as draft</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>留空则取内容的第一行</source>
        <translation>Leave empty to use the first line of the text</translation>
    </message>
    <message>
        <source>不使用模板</source>
        <translation>No template</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Markdown 只对机器人有效; 手动发送时复制的是原文</source>
        <translation>Markdown only applies to robots; manual sends copy the plain text</translation>
    </message>
    <message>
        <source>例如: {群名}的家人们, 今晚 20:00 截单, 请抓紧接龙~</source>
        <translation>e.g. Dear {群名} members, orders close tonight at 20:00, join the list now~</translation>
    </message>
    <message>
        <source>第几天</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>添加步骤</source>
        <translation>Add step</translation>
    </message>
    <message>
        <source>删除步骤</source>
        <translation>Remove step</translation>
    </message>
    <message>
        <source>第 0 天 = 建群当天 (或群的开始日期)</source>
        <translation>Day 0 = the day the group was created (or its start date)</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>附件 (图片和文件, 只用于手动发送)</source>
        <translation>Attachments (images and files, manual sends only)</translation>
    </message>
    <message>
        <source>搜索群名</source>
        <translation>Search group names</translation>
    </message>
    <message>
        <source>勾选显示的群</source>
        <translation>Check the groups shown</translation>
    </message>
    <message>
        <source>全部取消</source>
        <translation>Uncheck all</translation>
    </message>
    <message>
        <source>不使用分组</source>
        <translation>No segment</translation>
    </message>
    <message>
        <source>以及分组</source>
        <translation>And segment</translation>
    </message>
    <message>
        <source>一次</source>
        <translation>Once</translation>
    </message>
    <message>
        <source>周期重复</source>
        <translation>Recurring</translation>
    </message>
    <message>
        <source>SOP (按建群天数)</source>
        <translation>SOP (days since creation)</translation>
    </message>
    <message>
        <source>发送时间</source>
        <translation>Send at</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>自定义规则 (RRULE)</source>
        <translation>Custom rule (RRULE)</translation>
    </message>
    <message>
        <source> 日</source>
        <translation> of the month</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekdays</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Day of month</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>SOP: 每个群从建群当天 (或群的开始日期) 算第 0 天, 按“内容”页的步骤表依次发送;之后才进入目标分组的群也会收到还没到期的步骤。</source>
        <translation>SOP: each group counts day 0 from its creation day (or its start date) and receives the steps on the Content page in turn; groups that join the target segment later still receive the steps not yet due.</translation>
    </message>
    <message>
        <source>免打扰时段</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <source>落在免打扰时段的发送推迟到时段结束</source>
        <translation>Sends that fall in the quiet hours wait until they end</translation>
    </message>
    <message>
        <source>发送方式</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>未来 7 天</source>
        <translation>Next 7 days</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>没有添加附件时使用模板“{0}”的 {1} 个附件: {2}</source>
        <translation>With no attachments of its own, the {1} attachments of template “{0}” are used: {2}</translation>
    </message>
    <message>
        <source>附件只用于手动发送的群, 机器人群只发文字 (目标中有 {0} 个机器人群)</source>
        <translation>Attachments are for manually sent groups only; robot groups get the text only ({0} robot groups among the targets)</translation>
    </message>
    <message>
        <source>到时在“待发送”里复制图片, 粘贴到群里; 有机器人的群只发文字</source>
        <translation>When due, copy the images in “To send” and paste them into the group; groups with a robot get the text only</translation>
    </message>
    <message>
        <source>SOP 第 {0} 步: “第几天”应为 0 或正整数</source>
        <translation>SOP step {0}: the day must be 0 or a positive whole number</translation>
    </message>
    <message>
        <source>SOP 第 {0} 步: 时间应写成 时:分, 例如 09:00</source>
        <translation>SOP step {0}: write the time as hours:minutes, e.g. 09:00</translation>
    </message>
    <message>
        <source>已选 {0} 个群</source>
        <translation>{0} groups selected</translation>
    </message>
    <message>
        <source>分组“{0}”现在没有任何群: 到时仍没有群就不会发送。目标在每次发送时重新计算, 之后进入分组的群会收到。</source>
        <translation>Segment “{0}” has no groups now: if it still has none when a send falls due, nothing is sent. Targets are worked out at each send, so groups that join the segment later are included.</translation>
    </message>
    <message>
        <source>分组“{0}”现在有 {1} 个群; 目标在每次发送时重新计算。</source>
        <translation>Segment “{0}” has {1} groups now; targets are worked out again at each send.</translation>
    </message>
    <message>
        <source>发送时间 {0} 已经过去, 请选择现在或以后的时间</source>
        <translation>The send time {0} has passed; choose now or a later time</translation>
    </message>
    <message>
        <source>时间设置有误, 见“时间”页</source>
        <translation>The schedule has a problem; see the Time page</translation>
    </message>
    <message>
        <source>第 {0} 天 {1}  {2}</source>
        <translation>Day {0} {1}  {2}</translation>
    </message>
    <message>
        <source>SOP 步骤 (每个群按自己的建群日期)</source>
        <translation>SOP steps (each group by its own creation date)</translation>
    </message>
    <message>
        <source>未来 7 天: {0} 次</source>
        <translation>Next 7 days: {0} sends</translation>
    </message>
    <message>
        <source>… 共 {0} 次</source>
        <translation>… {0} in all</translation>
    </message>
    <message>
        <source>7 天内没有发送</source>
        <translation>No sends within 7 days</translation>
    </message>
    <message>
        <source>注意: 7 天内要发 {0} 次, 群友可能会觉得被打扰</source>
        <translation>Note: {0} sends within 7 days; members may find it too much</translation>
    </message>
    <message>
        <source>{0} 个群: {1} 个由机器人发送, {2} 个手动发送</source>
        <translation>{0} groups: {1} by robot, {2} by hand</translation>
    </message>
    <message>
        <source>{0} 个群无法生成内容 (标有 ⚠), 这些群不会发送</source>
        <translation>{0} groups cannot be rendered (marked ⚠) and will not be sent to</translation>
    </message>
    <message>
        <source>{0} 个群的内容超过机器人单条上限, 将分成 {1} 条发送</source>
        <translation>The text for {0} groups exceeds the robot&apos;s message limit and will be split into {1} messages</translation>
    </message>
    <message>
        <source>先写内容</source>
        <translation>Write the text first</translation>
    </message>
    <message>
        <source>先选择目标群或分组</source>
        <translation>Choose target groups or a segment first</translation>
    </message>
    <message>
        <source>超过{0}机器人单条上限, 将分成 {1} 条发送</source>
        <translation>Over the {0} robot&apos;s message limit: split into {1} messages</translation>
    </message>
    <message>
        <source>由{0}机器人发送</source>
        <translation>Sent by the {0} robot</translation>
    </message>
    <message>
        <source>这个群没有机器人: 到时放进“待发送”, 由你手动发送</source>
        <translation>This group has no robot: when due it goes to “To send” for you to send by hand</translation>
    </message>
    <message>
        <source>请填写重复规则, 例如 FREQ=WEEKLY;BYDAY=MO,WE,FR</source>
        <translation>Please enter a repeat rule, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR</translation>
    </message>
    <message>
        <source>请在“目标”页至少勾选一个群或选择一个分组</source>
        <translation>Check at least one group or choose a segment on the Targets page</translation>
    </message>
</context>
<context>
    <name>Broadcasts</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>等待发送</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>发送失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>已手动发送</source>
        <translation>Sent by hand</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>企业微信</source>
        <translation>WeCom</translation>
    </message>
    <message>
        <source>钉钉</source>
        <translation>DingTalk</translation>
    </message>
    <message>
        <source>飞书</source>
        <translation>Feishu</translation>
    </message>
    <message>
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>{0} 周{1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>周期: {0}</source>
        <translation>Recurring: {0}</translation>
    </message>
    <message>
        <source>每天 {0}</source>
        <translation>Daily {0}</translation>
    </message>
    <message>
        <source>每 {0} 天 {1}</source>
        <translation>Every {0} days {1}</translation>
    </message>
    <message>
        <source>每周{0} {1}</source>
        <translation>Weekly {0} {1}</translation>
    </message>
    <message>
        <source>每 {0} 周的周{1} {2}</source>
        <translation>Every {0} weeks on {1} {2}</translation>
    </message>
    <message>
        <source>每月 {0} 日 {1}</source>
        <translation>Monthly on day {0} {1}</translation>
    </message>
    <message>
        <source>每 {0} 个月的 {1} 日 {2}</source>
        <translation>Every {0} months on day {1} {2}</translation>
    </message>
    <message>
        <source>一次 {0}</source>
        <translation>Once {0}</translation>
    </message>
    <message>
        <source>一次</source>
        <translation>Once</translation>
    </message>
    <message>
        <source>SOP {0} 步</source>
        <translation>SOP {0} steps</translation>
    </message>
    <message>
        <source>{0} 个群</source>
        <translation>{0} groups</translation>
    </message>
    <message>
        <source>分组“{0}”</source>
        <translation>Segment “{0}”</translation>
    </message>
    <message>
        <source>分组 (已删除)</source>
        <translation>Segment (deleted)</translation>
    </message>
    <message>
        <source>待发完</source>
        <translation>Sends waiting</translation>
    </message>
</context>
<context>
    <name>BroadcastsPage</name>
    <message>
        <source>群发列表</source>
        <translation>All broadcasts</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>To send</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>日程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>去确认</source>
        <extracomment>what the page listens to manual sends waiting (the navigation shows a badge)</extracomment>
        <translation>Review</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>Got it</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发送计划</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>没有新的发送要安排, 还有消息等待发送</source>
        <translation>Nothing more to schedule; some sends are still waiting</translation>
    </message>
    <message>
        <source>下次发送</source>
        <translation>Next send</translation>
    </message>
    <message>
        <source>已发/失败/待发</source>
        <translation>Sent/failed/pending</translation>
    </message>
    <message>
        <source>已发送 (含手动) / 发送失败 / 等待发送</source>
        <translation>Sent (incl. by hand) / failed / waiting</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>取消…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>删除草稿…</source>
        <translation>Delete draft…</translation>
    </message>
    <message>
        <source>还没有群发。
点击“新建…”写一条消息, 选择目标群和发送时间;
有机器人的群自动发送, 其余的群到时出现在“待发送”里。</source>
        <translation>No broadcasts yet.
Click “New…” to write a message and choose the target groups and time;
groups with a robot are sent to automatically, the rest appear under “To send” when due.</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>时间点</source>
        <translation>Occurrence</translation>
    </message>
    <message>
        <source>到期 {0}</source>
        <translation>Due {0}</translation>
    </message>
    <message>
        <source>尝试</source>
        <translation>Tries</translation>
    </message>
    <message>
        <source>最后错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>发送于</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>发送记录</source>
        <translation>Delivery history</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>把发送失败的这一条重新排队</source>
        <translation>Queue this failed message again</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>Broadcasts</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>机器人</source>
        <translation>Robot</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>已发出</source>
        <translation>It arrived</translation>
    </message>
    <message>
        <source>在群里看到了这条消息: 记为已发送</source>
        <translation>Not sent (queue again)</translation>
    </message>
    <message>
        <source>未发出 (重新排队)</source>
        <translation>The message is in the group: record it as sent</translation>
    </message>
    <message>
        <source>群里没有这条消息: 重新排队, 下次发送时发出</source>
        <translation>The message is not in the group: queue it again for the next send</translation>
    </message>
    <message>
        <source>这些消息发送到一半时程序退出了, 无法确定群里是否收到。请到群里看一眼再选择; 群管家不会自动重发。</source>
        <translation>The app stopped while these messages were being sent, so it is not known whether the groups received them. Check the group, then choose; QunDesk never resends on its own.</translation>
    </message>
    <message>
        <source>没有需要确认的消息</source>
        <translation>Nothing to confirm</translation>
    </message>
    <message>
        <source>所有群</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Day of month</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>未来 7 天 · 群</source>
        <translation>Next 7 days · group</translation>
    </message>
    <message>
        <source>{0} 个群</source>
        <translation>{0} groups</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>机器人 {0} · 手动 {1}</source>
        <translation>Robot {0} · manual {1}</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>变量</source>
        <translation>Variables</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>预览群</source>
        <translation>Preview for</translation>
    </message>
    <message>
        <source>发送记录: {0}</source>
        <translation>Delivery history: {0}</translation>
    </message>
    <message>
        <source>待确认 ({0})</source>
        <translation>To confirm ({0})</translation>
    </message>
    <message>
        <source>有 {0} 条消息在发送途中被中断 (程序退出或崩溃), 不知道群里是否收到。请在“待确认”里逐条确认, 群管家不会自动重发。</source>
        <translation>{0} messages were interrupted while sending (the app quit or crashed); it is not known whether the groups received them. Confirm each under “To confirm”; QunDesk never resends on its own.</translation>
    </message>
    <message>
        <source>待发送 ({0})</source>
        <translation>To send ({0})</translation>
    </message>
    <message>
        <source>{0} 次发送, 共 {1} 条消息</source>
        <translation>{0} sends, {1} messages in all</translation>
    </message>
    <message>
        <source>未来 7 天没有安排发送</source>
        <translation>Nothing scheduled in the next 7 days</translation>
    </message>
    <message>
        <source>机器人已停用: {0}。请在群组页该群的“机器人”页检查 Webhook 地址后重新启用。</source>
        <translation>Robot stopped: {0}. Check the webhook URL on the group&apos;s Robots tab (Groups page) and enable it again.</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>已保存群发“{0}”</source>
        <translation>Saved broadcast “{0}”</translation>
    </message>
    <message>
        <source>取消群发</source>
        <translation>Cancel broadcast</translation>
    </message>
    <message>
        <source>取消群发“{0}”? 还没发送的消息都不再发送 (记为已跳过), 发送记录会保留。</source>
        <translation>Cancel broadcast “{0}”? Messages not yet sent will not be sent (recorded as skipped); the history is kept.</translation>
    </message>
    <message>
        <source>已复制为草稿“{0}”</source>
        <translation>Duplicated as draft “{0}”</translation>
    </message>
    <message>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>删除草稿“{0}”?</source>
        <translation>Delete draft “{0}”?</translation>
    </message>
    <message>
        <source>已记为已发送: {0}</source>
        <translation>Recorded as sent: {0}</translation>
    </message>
    <message>
        <source>已重新排队: {0}</source>
        <translation>Queued again: {0}</translation>
    </message>
    <message>
        <source>已保存模板“{0}”</source>
        <translation>Saved template “{0}”</translation>
    </message>
    <message>
        <source>删除模板</source>
        <translation>Delete template</translation>
    </message>
    <message>
        <source>删除模板“{0}”? 用过它的群发不受影响。</source>
        <translation>Delete template “{0}”? Broadcasts that used it are not affected.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>编辑团购</source>
        <translation>Edit group buy</translation>
    </message>
    <message>
        <source>新建团购</source>
        <translation>New group buy</translation>
    </message>
    <message>
        <source>例如: 阳光花园 12月第2周 水果团</source>
        <translation>e.g. Sunshine Garden week 2 of December fruit buy</translation>
    </message>
    <message>
        <source>团长的名字</source>
        <translation>The group leader&apos;s name</translation>
    </message>
    <message>
        <source>搜索群名</source>
        <translation>Search group names</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>团长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>开团时间</source>
        <translation>Opens</translation>
    </message>
    <message>
        <source>截单时间</source>
        <translation>Cut-off</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在哪些群开团</source>
        <translation>Groups it runs in</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>成本价</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>每人限购</source>
        <translation>Limit per person</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>添加商品</source>
        <translation>Add product</translation>
    </message>
    <message>
        <source>删除所选商品</source>
        <translation>Remove selected products</translation>
    </message>
    <message>
        <source>价格以元为单位; 限购和库存留空表示不限</source>
        <translation>Prices in yuan; leave limit and stock blank for none</translation>
    </message>
    <message>
        <source>新自提点名称</source>
        <translation>New pickup point name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>添加自提点</source>
        <translation>Add pickup point</translation>
    </message>
    <message>
        <source>修改所选…</source>
        <translation>Edit selected…</translation>
    </message>
    <message>
        <source>修改所选自提点的名称、地址、联系人和电话</source>
        <translation>Edit the selected pickup point&apos;s name, address, contact and phone</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>删除没有订单用到的自提点</source>
        <translation>Delete a pickup point no order uses</translation>
    </message>
    <message>
        <source>自提点 (勾选本次使用的)</source>
        <translation>Pickup points (tick the ones used this time)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已选 {0} 个群</source>
        <translation>{0} groups selected</translation>
    </message>
    <message>
        <source>已有自提点“{0}”, 勾选它即可</source>
        <translation>Pickup point “{0}” already exists; just tick it</translation>
    </message>
    <message>
        <source>已有自提点“{0}”</source>
        <translation>A pickup point named “{0}” already exists</translation>
    </message>
    <message>
        <source>删除自提点</source>
        <translation>Delete pickup point</translation>
    </message>
    <message>
        <source>删除自提点“{0}”? 所有团购都不再有这个自提点。有订单用到的自提点不能删除。</source>
        <translation>Delete pickup point “{0}”? No group buy will offer it any more. A pickup point used by orders cannot be deleted.</translation>
    </message>
    <message>
        <source>第 {0} 个商品的{1}“{2}”不是整数</source>
        <translation>Product {0}: {1} “{2}” is not a whole number</translation>
    </message>
    <message>
        <source>第 {0} 个商品: {1}</source>
        <translation>Product {0}: {1}</translation>
    </message>
    <message>
        <source>请至少添加一个商品</source>
        <translation>Please add at least one product</translation>
    </message>
    <message>
        <source>已把它放回商品列表, 再点保存即可。</source>
        <translation>It has been put back in the product list; press Save again.</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>导出 PNG</source>
        <translation>Export PNG</translation>
    </message>
    <message>
        <source>把这张图存成 PNG 图片</source>
        <translation>Save this chart as a PNG image</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>消息数</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>活跃成员</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>消息 7日均线</source>
        <translation>Messages, 7-day avg</translation>
    </message>
    <message>
        <source>活跃成员 (右轴)</source>
        <translation>Active members (right axis)</translation>
    </message>
    <message>
        <source>活跃 7日均线</source>
        <translation>Active, 7-day avg</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>{0}时</source>
        <translation>{0}h</translation>
    </message>
    <message>
        <source>{0} {1}:00–{2}:00&lt;br&gt;消息 {3} 条</source>
        <translation>{0} {1}:00–{2}:00&lt;br&gt;{3} messages</translation>
    </message>
    <message>
        <source>净增</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>入群</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;入群 {1}&lt;br&gt;退群 {2}&lt;br&gt;净增 {3}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Joined {1}&lt;br&gt;Left {2}&lt;br&gt;Net {3}</translation>
    </message>
    <message>
        <source>成交额 (元)</source>
        <translation>GMV (yuan)</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>成交额</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>订单数 (右轴)</source>
        <translation>Orders (right axis)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;成交额 {1}&lt;br&gt;订单 {2} 笔</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;GMV {1}&lt;br&gt;{2} orders</translation>
    </message>
</context>
<context>
    <name>ClassificationPage</name>
    <message>
        <source>维度与标签</source>
        <translation>Dimensions and labels</translation>
    </message>
    <message>
        <source>自动分类规则</source>
        <translation>Auto-classification rules</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>对比群或分组</source>
        <translation>Compare groups or segments</translation>
    </message>
    <message>
        <source>搜索群名或分组名</source>
        <translation>Search group or segment names</translation>
    </message>
    <message>
        <source>最多选 {0} 个, 画在活跃趋势图上。</source>
        <translation>Pick up to {0}; they are drawn on the activity trend.</translation>
    </message>
    <message>
        <source>分组 · {0}</source>
        <translation>Segment · {0}</translation>
    </message>
    <message>
        <source>不对比</source>
        <translation>No comparison</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>今天</source>
        <extracomment>the operator clicked a group&apos;s bar: show it on the Groups page a dashboard (overview) is on screen; the people and heatmap parts may still be coming charts with something to draw, drawn once the visible ones have painted (see _plot)</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <source>近 7 天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>全部群</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>输入群名查找</source>
        <translation>Type a group name</translation>
    </message>
    <message>
        <source>对比…</source>
        <translation>Compare…</translation>
    </message>
    <message>
        <source>在活跃趋势图上对比最多 {0} 个群或分组</source>
        <translation>Compare up to {0} groups or segments on the activity trend</translation>
    </message>
    <message>
        <source>目标…</source>
        <translation>Targets…</translation>
    </message>
    <message>
        <source>为当前周期设定目标, 卡片上显示完成度</source>
        <translation>Set targets for this period; the cards show progress</translation>
    </message>
    <message>
        <source>导出看板…</source>
        <translation>Export dashboard…</translation>
    </message>
    <message>
        <source>把整个看板存成一张 PNG 图片或一页 PDF</source>
        <translation>Save the whole dashboard as one PNG image or one PDF page</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>活跃趋势</source>
        <translation>Activity trend</translation>
    </message>
    <message>
        <source>一周节奏 (星期 × 小时)</source>
        <translation>Weekly rhythm (weekday × hour)</translation>
    </message>
    <message>
        <source>成员增长</source>
        <translation>Member growth</translation>
    </message>
    <message>
        <source>成交额与订单</source>
        <translation>GMV and orders</translation>
    </message>
    <message>
        <source>最活跃的 20 个群</source>
        <translation>20 most active groups</translation>
    </message>
    <message>
        <source>最沉默的群</source>
        <translation>Most dormant groups</translation>
    </message>
    <message>
        <source>转化漏斗 引流 → 成交 → 复购 → 裂变</source>
        <translation>Funnel: reach → purchase → repeat → referral</translation>
    </message>
    <message>
        <source>客户等级分布</source>
        <translation>Customer tiers</translation>
    </message>
    <message>
        <source>平台分布</source>
        <translation>Platform mix</translation>
    </message>
    <message>
        <source>平台 · {0}</source>
        <translation>Platform · {0}</translation>
    </message>
    <message>
        <source>分组 · {0}</source>
        <translation>Segment · {0}</translation>
    </message>
    <message>
        <source>单个群…</source>
        <translation>One group…</translation>
    </message>
    <message>
        <source>对比 ({0})…</source>
        <translation>Compare ({0})…</translation>
    </message>
    <message>
        <source>开始日期晚于结束日期, 请重新选择周期。</source>
        <translation>The start date is after the end date; please choose the period again.</translation>
    </message>
    <message>
        <source>正在更新…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <source>群 · {0}</source>
        <translation>Group · {0}</translation>
    </message>
    <message>
        <source>{0} · 本期 {1} ({2} 天), 对比上期 {3}</source>
        <translation>{0} · this period {1} ({2} days), compared with {3}</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source> · 周期还没有结束, 统计到今天为止</source>
        <translation> · the period has not ended; counted up to today</translation>
    </message>
    <message>
        <source>只有 1 天的数据, 还看不出趋势; 7 日均线要满 7 天才画。</source>
        <translation>Only 1 day of data, no trend yet; the 7-day average needs 7 full days.</translation>
    </message>
    <message>
        <source>数据从 {0} 开始, 之前的日子没有画。</source>
        <translation>Data starts on {0}; earlier days are not drawn.</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>工作区还没有群。
新建群或从 Excel 导入群和互动记录后, 这里会显示看板。</source>
        <translation>The workspace has no groups yet.
Create a group or import groups and interactions from Excel, and the dashboard appears here.</translation>
    </message>
    <message>
        <source>所选周期从 {0} 开始, 还没有到。
请选择今天或更早的日子。</source>
        <translation>The chosen period starts on {0}, which has not come yet.
Please choose today or earlier days.</translation>
    </message>
    <message>
        <source>这个周期没有互动和订单记录。
换一个周期看看, 或导入聊天记录、群统计和团购订单。</source>
        <translation>No interactions or orders in this period.
Try another period, or import chat histories, group statistics and group-buy orders.</translation>
    </message>
    <message>
        <source>对比: 各自每天的消息数。</source>
        <translation>Comparing: messages per day of each.</translation>
    </message>
    <message>
        <source>每天的消息数和活跃成员, 虚线是 7 日均线。</source>
        <translation>Messages and active members per day; dashed lines are 7-day averages.</translation>
    </message>
    <message>
        <source>这个周期没有人入群或退群。</source>
        <translation>Nobody joined or left in this period.</translation>
    </message>
    <message>
        <source>{0} ~ {1}</source>
        <translation>{0} ~ {1}</translation>
    </message>
    <message>
        <source>按周汇总 (周期较长)。</source>
        <translation>Summed per week (long period).</translation>
    </message>
    <message>
        <source>工作区还没有订单。
导入团购订单后, 这里显示每天的成交额和订单数。</source>
        <translation>The workspace has no orders yet.
Import group-buy orders to see GMV and orders per day here.</translation>
    </message>
    <message>
        <source>这个周期没有有效订单 (已付款或已退款)。</source>
        <translation>No valid orders (paid or refunded) in this period.</translation>
    </message>
    <message>
        <source>消息 {0} 条 · 有发言 {1} 天 · 人均活跃 {2}</source>
        <translation>{0} messages · {1} days with messages · {2} active per day</translation>
    </message>
    <message>
        <source>按本期消息数排序, 点击群条打开这个群。</source>
        <translation>Sorted by messages in the period; click a bar to open the group.</translation>
    </message>
    <message>
        <source>这个周期没有群发言。</source>
        <translation>No group had messages in this period.</translation>
    </message>
    <message>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <source>从未发言</source>
        <translation>Never spoke</translation>
    </message>
    <message>
        <source>最后发言 {0} · 沉默 {1} 天</source>
        <translation>Last message {0} · silent for {1} days</translation>
    </message>
    <message>
        <source>还没有发言记录</source>
        <translation>No messages recorded yet</translation>
    </message>
    <message>
        <source>本期一条消息都没有的群, 沉默最久的在上; 点击打开这个群。</source>
        <translation>Groups without a message in the period, longest silent on top; click to open the group.</translation>
    </message>
    <message>
        <source>这个周期每个群都有人发言, 没有沉默群。</source>
        <translation>Every group had messages in this period; no dormant groups.</translation>
    </message>
    <message>
        <source>范围内没有群。</source>
        <translation>No groups in this scope.</translation>
    </message>
    <message>
        <source>群 {0} 个 · 消息 {1} 条 · 成交额 {2}</source>
        <translation>{0} groups · {1} messages · GMV {2}</translation>
    </message>
    <message>
        <source>各平台占本期消息的比例。</source>
        <translation>Each platform&apos;s share of the period&apos;s messages.</translation>
    </message>
    <message>
        <source>各平台的群数比例 (本期没有消息)。</source>
        <translation>Each platform&apos;s share of groups (no messages in the period).</translation>
    </message>
    <message>
        <source>范围内的群在这个周期没有成员。</source>
        <translation>The groups in scope had no members in this period.</translation>
    </message>
    <message>
        <source>引流</source>
        <translation>Reach</translation>
    </message>
    <message>
        <source>成交</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <source>复购</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>裂变</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>本期在群里的人</source>
        <translation>People in the groups during the period</translation>
    </message>
    <message>
        <source>有有效订单的人 (含只留手机号的)</source>
        <translation>People with valid orders (including phone-only buyers)</translation>
    </message>
    <message>
        <source>本期下单 2 次及以上的人</source>
        <translation>People who ordered 2 or more times</translation>
    </message>
    <message>
        <source>本期带新人入群的人</source>
        <translation>People who brought newcomers in</translation>
    </message>
    <message>
        <source>占引流</source>
        <translation>of reach</translation>
    </message>
    <message>
        <source>占成交 (复购率)</source>
        <translation>of buyers (repeat rate)</translation>
    </message>
    <message>
        <source>占引流 (转介绍率)</source>
        <translation>of reach (referral rate)</translation>
    </message>
    <message>
        <source>{0}: {1} 人{2}</source>
        <translation>{0}: {1}{2}</translation>
    </message>
    <message>
        <source>括号里: 成交占引流, 复购占成交 (复购率), 裂变占引流 (转介绍率)。</source>
        <translation>In brackets: purchase of reach, repeat of purchase (repeat rate), referral of reach (referral rate).</translation>
    </message>
    <message>
        <source>工作区还没有订单, 成交和复购为 0。</source>
        <translation>No orders in the workspace yet; purchase and repeat are 0.</translation>
    </message>
    <message>
        <source>{0} 人 · 占 {1:.1f}%</source>
        <translation>{0} people · {1:.1f}%</translation>
    </message>
    <message>
        <source>本期在范围内群里的 {0} 人, 按现在的客户等级。</source>
        <translation>The {0} people in the scope&apos;s groups this period, by their current tier.</translation>
    </message>
    <message>
        <source>这段时间没有消息记录, 画不出一周节奏。</source>
        <translation>No messages in this time, so no weekly rhythm to draw.</translation>
    </message>
    <message>
        <source>{0} 的消息 (最多看最近 4 周), 颜色越深越热闹。</source>
        <translation>Messages of {0} (at most the last 4 weeks); darker is busier.</translation>
    </message>
    <message>
        <source>正在读取群和分组, 请稍后再点</source>
        <translation>Reading groups and segments, please click again in a moment</translation>
    </message>
    <message>
        <source>看板目标 · {0}</source>
        <translation>Dashboard targets · {0}</translation>
    </message>
    <message>
        <source>看板目标 · 自定义周期 (与报告共用)</source>
        <translation>Dashboard targets · custom period (shared with the report)</translation>
    </message>
    <message>
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>无法写入 {0}</source>
        <translation>Cannot write {0}</translation>
    </message>
    <message>
        <source>已导出 {0}</source>
        <translation>Exported {0}</translation>
    </message>
    <message>
        <source>导出看板</source>
        <translation>Export dashboard</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png);;PDF 文档 (*.pdf)</source>
        <translation>PNG image (*.png);;PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>群管家看板</source>
        <translation>QunDesk dashboard</translation>
    </message>
</context>
<context>
    <name>DimensionDialog</name>
    <message>
        <source>新建维度</source>
        <translation>New dimension</translation>
    </message>
    <message>
        <source>例如: 地区、渠道、产品线</source>
        <translation>e.g. region, channel, product line</translation>
    </message>
    <message>
        <source>单选: 一个群只能有其中一个标签</source>
        <translation>Single choice: a group has at most one of its labels</translation>
    </message>
    <message>
        <source>多选: 一个群可以同时有多个标签</source>
        <translation>Multiple choice: a group may have several of its labels</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>选择方式</source>
        <translation>Choice</translation>
    </message>
</context>
<context>
    <name>DimensionsPanel</name>
    <message>
        <source>维度是给群分类的角度 (时间、功能、人群…), 每个维度下有若干标签。单选维度下一个群只能有一个标签, 多选维度下可以有多个。</source>
        <translation>A dimension is one way of classifying groups (time, function, audience…), each with its labels. Under a single-choice dimension a group has at most one label; under a multiple-choice one it may have several.</translation>
    </message>
    <message>
        <source>维度 / 标签</source>
        <translation>Dimension / label</translation>
    </message>
    <message>
        <source>选择方式</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>使用的群</source>
        <translation>Groups using it</translation>
    </message>
    <message>
        <source>新建维度…</source>
        <translation>New dimension…</translation>
    </message>
    <message>
        <source>新建标签…</source>
        <translation>New label…</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <source>改为多选</source>
        <translation>Make multiple choice</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>多选</source>
        <translation>multiple</translation>
    </message>
    <message>
        <source>单选</source>
        <translation>single</translation>
    </message>
    <message>
        <source>{0} · {1} 个标签</source>
        <translation>{0} · {1} labels</translation>
    </message>
    <message>
        <source>改为单选</source>
        <translation>Make single choice</translation>
    </message>
    <message>
        <source>分类设置</source>
        <translation>Classification settings</translation>
    </message>
    <message>
        <source>已新建维度“{0}”</source>
        <translation>Created dimension &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>新建标签</source>
        <translation>New label</translation>
    </message>
    <message>
        <source>“{0}”下的新标签名称:</source>
        <translation>Name of the new label under &quot;{0}&quot;:</translation>
    </message>
    <message>
        <source>已新建标签“{0}”</source>
        <translation>Created label &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>新名称:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>已改名为“{0}”</source>
        <translation>Renamed to &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>“{0}”的颜色</source>
        <translation>Colour of &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>已更改“{0}”的颜色</source>
        <translation>Changed the colour of &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>“{0}”改为多选</source>
        <translation>&quot;{0}&quot; is now multiple choice</translation>
    </message>
    <message>
        <source>“{0}”改为单选</source>
        <translation>&quot;{0}&quot; is now single choice</translation>
    </message>
    <message>
        <source>合并标签</source>
        <translation>Merge labels</translation>
    </message>
    <message>
        <source>“{0}”下没有别的标签可以合并。</source>
        <translation>There is no other label under &quot;{0}&quot; to merge into.</translation>
    </message>
    <message>
        <source>把“{0}”合并到:</source>
        <translation>Merge &quot;{0}&quot; into:</translation>
    </message>
    <message>
        <source>带“{0}”的 {1} 个群将改为带“{2}”, 然后删除“{0}”。此操作不能撤销, 继续吗?</source>
        <translation>The {1} groups labelled &quot;{0}&quot; will be labelled &quot;{2}&quot; instead, then &quot;{0}&quot; is deleted. This cannot be undone. Continue?</translation>
    </message>
    <message>
        <source>已把“{0}”合并到“{1}” ({2} 个群)</source>
        <translation>Merged &quot;{0}&quot; into &quot;{1}&quot; ({2} groups)</translation>
    </message>
    <message>
        <source>已调整维度顺序</source>
        <translation>Dimension order changed</translation>
    </message>
    <message>
        <source>已调整标签顺序</source>
        <translation>Label order changed</translation>
    </message>
    <message>
        <source>标签“{0}”正被 {1} 个群使用, 删除后这些群将失去这个标签, 用它的自动分类规则也会一并删除。此操作不能撤销, 删除吗?</source>
        <translation>Label &quot;{0}&quot; is used by {1} groups. Deleting it removes it from those groups and deletes the auto-classification rules that set it. This cannot be undone. Delete?</translation>
    </message>
    <message>
        <source>删除标签“{0}”? 没有群在使用它。</source>
        <translation>Delete label &quot;{0}&quot;? No group uses it.</translation>
    </message>
    <message>
        <source>删除标签</source>
        <translation>Delete label</translation>
    </message>
    <message>
        <source>已删除标签“{0}” ({1} 个群失去该标签)</source>
        <translation>Deleted label &quot;{0}&quot; ({1} groups lost it)</translation>
    </message>
    <message>
        <source>删除维度</source>
        <translation>Delete dimension</translation>
    </message>
    <message>
        <source>删除维度“{0}”和它的 {1} 个标签? 群上共 {2} 处该维度的标签会被移除, 用到这些标签的自动分类规则也会删除。此操作不能撤销。</source>
        <translation>Delete dimension &quot;{0}&quot; and its {1} labels? {2} labels of this dimension will be removed from groups, and the auto-classification rules using them are deleted too. This cannot be undone.</translation>
    </message>
    <message>
        <source>已删除维度“{0}” ({1} 个群受影响)</source>
        <translation>Deleted dimension &quot;{0}&quot; ({1} groups affected)</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>查找重复成员</source>
        <translation>Find duplicate members</translation>
    </message>
    <message>
        <source>昵称</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>微信号</source>
        <translation>WeChat ID</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>群数</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>最近互动</source>
        <translation>Last active</translation>
    </message>
    <message>
        <source>建档</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>合并到所选成员</source>
        <translation>Merge into the selected member</translation>
    </message>
    <message>
        <source>其他成员的群、互动、订单和推荐关系都移到所选成员名下</source>
        <translation>The others&apos; groups, interactions, orders and referrals move to the selected member</translation>
    </message>
    <message>
        <source>撤销上次合并</source>
        <translation>Undo last merge</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选中要保留的那一位, 再点“合并到所选成员”:</source>
        <translation>Select the one to keep, then click &quot;Merge into the selected member&quot;:</translation>
    </message>
    <message>
        <source>正在查找重复成员…</source>
        <translation>Looking for duplicate members…</translation>
    </message>
    <message>
        <source>同一手机号</source>
        <translation>Same mobile</translation>
    </message>
    <message>
        <source>同一微信号</source>
        <translation>Same WeChat ID</translation>
    </message>
    <message>
        <source>同群同昵称</source>
        <translation>Same nickname in a shared group</translation>
    </message>
    <message>
        <source>{0}: {1} ({2} 人)</source>
        <translation>{0}: {1} ({2} people)</translation>
    </message>
    <message>
        <source>找到 {0} 组可能重复的成员</source>
        <translation>{0} sets of likely duplicates</translation>
    </message>
    <message>
        <source>没有找到可能重复的成员。</source>
        <translation>No likely duplicates found.</translation>
    </message>
    <message>
        <source>已把 {0} 位成员合并到“{1}”, 可撤销</source>
        <translation>Merged {0} members into &quot;{1}&quot; (undoable)</translation>
    </message>
    <message>
        <source>合并成员</source>
        <translation>Merge members</translation>
    </message>
    <message>
        <source>已撤销合并</source>
        <translation>Merge undone</translation>
    </message>
    <message>
        <source>撤销合并</source>
        <translation>Undo merge</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>跟进日期</source>
        <extracomment>the operator double-clicked a follow-up about a member (the main window may open them)</extracomment>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>记录于</source>
        <translation>Logged</translation>
    </message>
    <message>
        <source>选中后按 Enter 或空格标记完成; 按住 Ctrl 或 Shift 可多选</source>
        <translation>Select and press Enter or Space to mark done; hold Ctrl or Shift to select several</translation>
    </message>
    <message>
        <source>标记完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>把所选跟进标记为已完成 (Enter 或空格)</source>
        <translation>Mark the selected follow-ups as done (Enter or Space)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;没有待跟进的事项&lt;/p&gt;&lt;p&gt;记录互动时勾选“跟进”并选一个日期 (Ctrl+L), 到期前 7 天起会出现在这里。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;Nothing to follow up&lt;/p&gt;&lt;p&gt;When you log an interaction (Ctrl+L), tick &quot;Follow up&quot; and pick a date; it shows up here from 7 days before it is due.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>未来 {0} 天</source>
        <translation>Next {0} days</translation>
    </message>
    <message>
        <source>{0} · {1} 条</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>已逾期 {0} · 今天 {1} · 未来 {2} 天 {3}</source>
        <translation>Overdue {0} · Today {1} · Next {2} days {3}</translation>
    </message>
    <message>
        <source>{0} (逾期 {1} 天)</source>
        <translation>{0} ({1} days overdue)</translation>
    </message>
    <message>
        <source>{0} 条跟进已完成</source>
        <translation>{0} follow-ups done</translation>
    </message>
</context>
<context>
    <name>GroupBuy</name>
    <message>
        <source>请填写商品和数量, 例如“脐橙×2”</source>
        <translation>Enter products and quantities, e.g. “Orange×2”</translation>
    </message>
    <message>
        <source>不认识的商品“{0}”; 可选: {1}</source>
        <translation>Unknown product “{0}”; choose from: {1}</translation>
    </message>
    <message>
        <source>“{0}”的数量必须大于 0</source>
        <translation>The quantity of “{0}” must be more than 0</translation>
    </message>
</context>
<context>
    <name>GroupBuyPage</name>
    <message>
        <source>团购活动</source>
        <extracomment>what the page listens to</extracomment>
        <translation>Group buy</translation>
    </message>
    <message>
        <source>团长 {0}</source>
        <translation>Leader {0}</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>截单</source>
        <translation>Cut-off</translation>
    </message>
    <message>
        <source>单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>新建团购…</source>
        <translation>New group buy…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>开团、截单或结算</source>
        <translation>Open, close or settle</translation>
    </message>
    <message>
        <source>开团 (进行中)</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>结算</source>
        <translation>Settle</translation>
    </message>
    <message>
        <source>改回草稿</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>还没有团购活动。
点击“新建团购…”填写商品、截单时间和自提点,
或用 文件 → 导入 导入快团团 / 群接龙导出的订单。</source>
        <translation>No group buys yet.
Click “New group buy…” to enter products, cut-off time and pickup points,
or import orders exported from KuaiTuanTuan / QunJieLong with File → Import.</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>接龙</source>
        <translation>Jielong</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>在左边选择一个团购活动, 查看订单、粘贴接龙、导出供货单和自提单。</source>
        <translation>Choose a group buy on the left to see its orders, paste a jielong, or export the supplier and pickup sheets.</translation>
    </message>
    <message>
        <source>截单 {0}</source>
        <translation>Cut-off {0}</translation>
    </message>
    <message>
        <source>{0} 个商品 · {1} 个自提点</source>
        <translation>{0} products · {1} pickup points</translation>
    </message>
    <message>
        <source>{0} 单 · {1} 人 · {2}</source>
        <translation>{0} orders · {1} buyers · {2}</translation>
    </message>
    <message>
        <source>已保存团购“{0}”</source>
        <translation>Saved group buy “{0}”</translation>
    </message>
    <message>
        <source>已保存自提点“{0}”</source>
        <translation>Pickup point “{0}” saved</translation>
    </message>
    <message>
        <source>“{0}”已改为{1}</source>
        <translation>“{0}” is now {1}</translation>
    </message>
    <message>
        <source>删除团购“{0}”以及它的商品和 {1} 笔订单? 此操作不能撤销。</source>
        <translation>Delete group buy “{0}” with its products and {1} orders? This cannot be undone.</translation>
    </message>
    <message>
        <source>删除团购“{0}”及其商品? 它还没有订单。</source>
        <translation>Delete group buy “{0}” and its products? It has no orders yet.</translation>
    </message>
    <message>
        <source>删除团购</source>
        <translation>Delete group buy</translation>
    </message>
    <message>
        <source>已删除团购“{0}”和 {1} 笔订单</source>
        <translation>Deleted group buy “{0}” and {1} orders</translation>
    </message>
</context>
<context>
    <name>GroupDetailTabs</name>
    <message>
        <source>最近 30 天</source>
        <extracomment>the operator wants to paste this group&apos;s member list</extracomment>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>昵称</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source> · 管理员</source>
        <translation> · admin</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>进群</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>提货</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <source>团购</source>
        <translation>Group buy</translation>
    </message>
    <message>
        <source>粘贴成员名单…</source>
        <translation>Paste member list…</translation>
    </message>
    <message>
        <source>粘贴群里现在的成员名单, 自动记录进群和退群</source>
        <translation>Paste who is in the group now; joins and leaves are recorded</translation>
    </message>
    <message>
        <source>互动</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>机器人</source>
        <translation>Robot</translation>
    </message>
    <message>
        <source>消息 {0} · 进群 {1} · 退群 {2} · 单日最多 {3} 人发言</source>
        <translation>Messages {0} · joined {1} · left {2} · at most {3} speakers a day</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>例如: 阳光花园水果团购3群</source>
        <translation>e.g. Sunshine Garden Fruit Group Buy 3</translation>
    </message>
    <message>
        <source>平台上的群号, 可不填</source>
        <translation>Group number on the platform (optional)</translation>
    </message>
    <message>
        <source>小区 / 区域</source>
        <translation>Neighborhood / area</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>群名称</source>
        <translation>Group name</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>群ID</source>
        <translation>Group ID</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Lifespan</translation>
    </message>
    <message>
        <source>起止日期</source>
        <translation>Start / end date</translation>
    </message>
    <message>
        <source>人数 / 容量</source>
        <translation>Members / capacity</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>(未分类)</source>
        <translation>(Uncategorized)</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>GroupRobotsTab</name>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用: {0}</source>
        <translation>Disabled: {0}</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source> · 加签</source>
        <translation> · signed</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>添加机器人…</source>
        <translation>Add robot…</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>向群里发一条测试消息</source>
        <translation>Send a test message to the group</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>这个群没有机器人: 群发到时会放进“待发送”, 由你手动粘贴发送。</source>
        <translation>This group has no robot: broadcasts go to “To send” when due, for you to paste by hand.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>Broadcasts</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>本群群发记录</source>
        <translation>This group&apos;s broadcasts</translation>
    </message>
    <message>
        <source>已添加{0}机器人; 点“测试”发一条测试消息确认设置正确</source>
        <translation>Added the {0} robot; click “Test” to send a test message and check the settings</translation>
    </message>
    <message>
        <source>正在发送测试消息…</source>
        <translation>Sending a test message…</translation>
    </message>
    <message>
        <source>删除机器人</source>
        <translation>Delete robot</translation>
    </message>
    <message>
        <source>删除{0}机器人 {1}? 以后这个群的群发改为手动发送。</source>
        <translation>Delete the {0} robot {1}? This group&apos;s broadcasts will then be sent by hand.</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <source>群名称</source>
        <extracomment>the last 30 days&apos; messages per day (oldest first) for the sparkline delegate messages per day over the last 30 days, drawn as a sparkline (appended last, so saved header states of older versions keep their columns; the page moves it before the owner) what the Groups page shows by default: everything but the archive</extracomment>
        <translation>Group name</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>周期 / 结束</source>
        <translation>Lifespan / end</translation>
    </message>
    <message>
        <source>最近活跃</source>
        <translation>Last active</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>近30天消息</source>
        <translation>Messages, 30 days</translation>
    </message>
    <message>
        <source>{0} · 已结束</source>
        <translation>{0} · ended</translation>
    </message>
    <message>
        <source>{0} · 今天结束</source>
        <translation>{0} · ends today</translation>
    </message>
    <message>
        <source>{0} · 剩 {1} 天</source>
        <translation>{0} · {1}d left</translation>
    </message>
    <message>
        <source>接近群容量上限 ({0} 人)</source>
        <translation>Close to the group&apos;s member limit ({0})</translation>
    </message>
    <message>
        <source>近30天没有消息</source>
        <translation>No messages in the last 30 days</translation>
    </message>
    <message>
        <source>近30天消息 {0} 条, 最多一天 {1} 条, 有发言 {2} 天</source>
        <translation>{0} messages in the last 30 days, at most {1} a day, {2} days with messages</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>搜索群名、群主、拼音或首字母 (Ctrl+F)</source>
        <extracomment>the operator wants the current filter saved as a named segment orders changed while the page was hidden: the detail&apos;s 订单 tab is read again when shown the last 30 days&apos; messages per group, read with the group list (set by the window)</extracomment>
        <translation>Search name, owner, pinyin or initials (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部平台</source>
        <translation>All platforms</translation>
    </message>
    <message>
        <source>未归档</source>
        <translation>Not archived</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部周期</source>
        <translation>All lifespans</translation>
    </message>
    <message>
        <source>长期群</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>进行中的短期群</source>
        <translation>Short-term, running</translation>
    </message>
    <message>
        <source>3 天内结束</source>
        <translation>Ending within 3 days</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>全部活跃度</source>
        <translation>Any activity</translation>
    </message>
    <message>
        <source>近期活跃</source>
        <translation>Recently active</translation>
    </message>
    <message>
        <source>沉默</source>
        <translation>Dormant</translation>
    </message>
    <message>
        <source>存为分组…</source>
        <translation>Save as segment…</translation>
    </message>
    <message>
        <source>把当前筛选保存为分组, 显示在左侧导航中</source>
        <translation>Save the current filter as a segment in the navigation</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>清除标签筛选</source>
        <translation>Clear label filter</translation>
    </message>
    <message>
        <source>新建群</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>新建群 (Ctrl+N)</source>
        <translation>New group (Ctrl+N)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存修改 (Ctrl+S)</source>
        <translation>Save changes (Ctrl+S)</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>归档所选</source>
        <translation>Archive selected</translation>
    </message>
    <message>
        <source>恢复所选</source>
        <translation>Restore selected</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>合并所选…</source>
        <translation>Merge selected…</translation>
    </message>
    <message>
        <source>把选中的几个群合并成一个 (合并大群)</source>
        <translation>Merge the selected groups into one</translation>
    </message>
    <message>
        <source>分类所选…</source>
        <translation>Classify selected…</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>沉默 ({0} 天无发言)</source>
        <translation>Dormant (silent {0} days)</translation>
    </message>
    <message>
        <source>标签 ({0})</source>
        <translation>Labels ({0})</translation>
    </message>
    <message>
        <source>显示 {0} / 共 {1} 个群</source>
        <translation>Showing {0} of {1} groups</translation>
    </message>
    <message>
        <source> · 已选 {0} 个</source>
        <translation> · {0} selected</translation>
    </message>
    <message>
        <source>没有符合条件的群。&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;清除所有筛选&lt;/a&gt;</source>
        <translation>No groups match the filters.&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;Clear all filters&lt;/a&gt;</translation>
    </message>
    <message>
        <source>还没有任何群。&lt;br&gt;&lt;a href=&apos;new&apos;&gt;新建第一个群&lt;/a&gt;, 或从 Excel 导入。</source>
        <translation>No groups yet.&lt;br&gt;&lt;a href=&apos;new&apos;&gt;Create your first group&lt;/a&gt; or import them from Excel.</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>“{0}”有未保存的修改, 要保存吗?</source>
        <translation>“{0}” has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>已选 {0} 个群</source>
        <translation>{0} groups selected</translation>
    </message>
    <message>
        <source>选择一个群查看和编辑详情。
按住 Ctrl 或 Shift 可多选。</source>
        <translation>Select a group to view and edit its details.
Hold Ctrl or Shift to select several.</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>已保存“{0}”</source>
        <translation>Saved “{0}”</translation>
    </message>
    <message>
        <source>已新建“{0}”</source>
        <translation>Created “{0}”</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Classify</translation>
    </message>
    <message>
        <source>移除标签</source>
        <translation>Remove label</translation>
    </message>
    <message>
        <source>设为“{0}”</source>
        <translation>Set “{0}”</translation>
    </message>
    <message>
        <source>移除“{0}”</source>
        <translation>Remove “{0}”</translation>
    </message>
    <message>
        <source>所选的群已经是这样分类的, 没有改动</source>
        <translation>The selected groups are already classified this way; nothing changed</translation>
    </message>
    <message>
        <source>{0} ({1} 个群)</source>
        <translation>{0} ({1} groups)</translation>
    </message>
    <message>
        <source>“{0}”名单已记录: 进群 {1} 人, 退群 {2} 人, 新建成员 {3} 人</source>
        <translation>Member list of &quot;{0}&quot; recorded: {1} joined, {2} left, {3} new members</translation>
    </message>
    <message>
        <source>群列表</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>{0}: {1} 个群已更改 (Ctrl+Z 撤销)</source>
        <translation>{0}: {1} groups changed (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <source>已把 {0} 个群并入“{1}”</source>
        <translation>Merged {0} groups into “{1}”</translation>
    </message>
    <message>
        <source> 等 {0} 个群</source>
        <translation> and others ({0} groups)</translation>
    </message>
    <message>
        <source>归档群</source>
        <translation>Archive groups</translation>
    </message>
    <message>
        <source>归档 {0}? 归档后可随时恢复。</source>
        <translation>Archive {0}? Archived groups can be restored at any time.</translation>
    </message>
    <message>
        <source>已归档 {0} 个群</source>
        <translation>Groups archived: {0}</translation>
    </message>
    <message>
        <source>恢复群</source>
        <translation>Restore groups</translation>
    </message>
    <message>
        <source>恢复 {0}?</source>
        <translation>Restore {0}?</translation>
    </message>
    <message>
        <source>已恢复 {0} 个群</source>
        <translation>Groups restored: {0}</translation>
    </message>
    <message>
        <source>删除群</source>
        <translation>Delete groups</translation>
    </message>
    <message>
        <source>永久删除 {0}?
它们的成员关系、互动记录、统计和标签会一起删除, 无法撤销。
只是不再运营的群, 请用“归档”。</source>
        <translation>Permanently delete {0}?
Their memberships, activity history, statistics and labels are deleted too. This cannot be undone.
For groups you simply no longer run, use “Archive” instead.</translation>
    </message>
    <message>
        <source>已删除 {0} 个群</source>
        <translation>Groups deleted: {0}</translation>
    </message>
</context>
<context>
    <name>ImportHistoryPage</name>
    <message>
        <source>导入时间</source>
        <extracomment>an import was undone: its batch (status 已撤销)</extracomment>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>合并方式</source>
        <translation>Merge mode</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>撤销这次导入…</source>
        <translation>Undo this import…</translation>
    </message>
    <message>
        <source>删除这次导入新增的记录, 把它更新过的记录恢复原样</source>
        <translation>Delete the records this import added and restore the ones it updated</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>还没有导入记录。用 文件 → 导入… 导入 Excel 或 CSV</source>
        <translation>No imports yet. Use File → Import… to import Excel or CSV</translation>
    </message>
    <message>
        <source>导入记录没有读出</source>
        <translation>Could not load the import history</translation>
    </message>
    <message>
        <source>共 {0} 次导入, 其中 {1} 次已撤销</source>
        <translation>{0} imports, {1} of them undone</translation>
    </message>
    <message>
        <source>共 {0} 次导入</source>
        <translation>{0} imports</translation>
    </message>
    <message>
        <source>选中一次导入, 可以把它整个撤销。</source>
        <translation>Select an import to undo all of it.</translation>
    </message>
    <message>
        <source>这次导入已撤销, 它写入的数据已经删除或恢复。</source>
        <translation>This import was undone; the data it wrote has been deleted or restored.</translation>
    </message>
    <message>
        <source>#{0} {1}: {2} 行, 新增 {3}, 更新 {4}, 跳过 {5}, 失败 {6}</source>
        <translation>#{0} {1}: {2} rows, {3} added, {4} updated, {5} skipped, {6} failed</translation>
    </message>
    <message>
        <source>已撤销: 这次导入新增的记录已删除, 更新过的记录已恢复</source>
        <translation>Undone: the records this import added were deleted and the ones it updated were restored</translation>
    </message>
    <message>
        <source>已导入, 可以撤销</source>
        <translation>Imported; can be undone</translation>
    </message>
    <message>
        <source>撤销 {0} 导入的“{1}”({2})?</source>
        <translation>Undo the import of &quot;{1}&quot; ({2}) from {0}?</translation>
    </message>
    <message>
        <source>· 删除这次新增的 {0} 条记录</source>
        <translation>· Delete the {0} records this import added</translation>
    </message>
    <message>
        <source>· 把这次更新的 {0} 条记录恢复成导入前的样子</source>
        <translation>· Restore the {0} records this import updated to how they were before</translation>
    </message>
    <message>
        <source>· 这次导入没有新增或更新任何记录, 撤销只改变它的状态</source>
        <translation>· This import added or updated no records; undoing it only changes its status</translation>
    </message>
    <message>
        <source>跳过的 {0} 行和失败的 {1} 行当时就没有写入, 不受影响。</source>
        <translation>The {0} skipped and {1} failed rows were never written, so they are not affected.</translation>
    </message>
    <message>
        <source>撤销后不能恢复; 需要时可以重新导入这个文件。</source>
        <translation>This cannot be reversed; you can import the file again if needed.</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>已撤销导入“{0}”: 删除 {1} 条, 恢复 {2} 条</source>
        <translation>Undid import &quot;{0}&quot;: {1} deleted, {2} restored</translation>
    </message>
    <message>
        <source>没有撤销</source>
        <translation>Not undone</translation>
    </message>
    <message>
        <source>正在撤销导入…</source>
        <translation>Undoing import…</translation>
    </message>
    <message>
        <source>群列表</source>
        <translation>Group list</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>群成员名单</source>
        <translation>Group member list</translation>
    </message>
    <message>
        <source>互动记录</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>每日群数据</source>
        <translation>Daily group data</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>聊天记录</source>
        <translation>Chat history</translation>
    </message>
    <message>
        <source>接龙</source>
        <translation>Jielong</translation>
    </message>
    <message>
        <source>跳过已有</source>
        <translation>Skip existing</translation>
    </message>
    <message>
        <source>更新已有</source>
        <translation>Update existing</translation>
    </message>
    <message>
        <source>只加新的</source>
        <translation>Add new only</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入</source>
        <extracomment>results of the rows the preview table shows, by Excel row number the skipped and failed rows, for the report table the import was committed: its Tally</extracomment>
        <translation>Import</translation>
    </message>
    <message>
        <source>选择 .xlsx / .xlsm / .csv 文件</source>
        <translation>Choose an .xlsx / .xlsm / .csv file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>群列表</source>
        <translation>Group list</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>群成员名单</source>
        <translation>Group member list</translation>
    </message>
    <message>
        <source>互动记录</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>每日群数据</source>
        <translation>Daily group data</translation>
    </message>
    <message>
        <source>团购订单 (快团团 / 群接龙导出)</source>
        <translation>Group-buy orders (KuaiTuanTuan / QunJieLong export)</translation>
    </message>
    <message>
        <source>微信聊天记录导出 (MemoTrace / PyWxDump)</source>
        <translation>WeChat chat export (MemoTrace / PyWxDump)</translation>
    </message>
    <message>
        <source>订单归入哪个团购活动</source>
        <translation>The group buy the orders belong to</translation>
    </message>
    <message>
        <source>按文件名新建团购活动</source>
        <translation>New group buy named after the file</translation>
    </message>
    <message>
        <source>团购活动</source>
        <translation>Group buy</translation>
    </message>
    <message>
        <source>跳过已有的记录, 只加新的</source>
        <translation>Skip existing records and add only new ones</translation>
    </message>
    <message>
        <source>更新已有的记录, 并加新的</source>
        <translation>Update existing records and add new ones</translation>
    </message>
    <message>
        <source>只加新的, 已有的记为失败</source>
        <translation>Add new records only; existing ones count as failed</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>导入内容</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>已有的记录</source>
        <translation>Existing records</translation>
    </message>
    <message>
        <source>表头可以在标题行下面, 合并单元格、空行和合计行会自动跳过;简体、繁体和英文表头都能识别。下一步会列出每个无法识别的单元格。</source>
        <translation>The header row may sit below a title row; merged cells, blank rows and totals rows are skipped automatically, and Simplified Chinese, Traditional Chinese and English headers are all recognised. The next step lists every cell that could not be read.</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.xlsm *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>对应的列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>请先选择要导入的文件</source>
        <translation>Choose a file to import first</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading file…</translation>
    </message>
    <message>
        <source>“{0}”: 新增 {1} 行, 更新 {2} 行, 跳过 {3} 行, 失败 {4} 行。</source>
        <translation>&quot;{0}&quot;: {1} rows to add, {2} to update, {3} to skip, {4} failed.</translation>
    </message>
    <message>
        <source>缺少必需的列: {0}。请在左边指定对应的列。</source>
        <translation>Required columns missing: {0}. Choose the matching columns on the left.</translation>
    </message>
    <message>
        <source>{0} 个单元格无法识别 (红色, 鼠标停留可看原因), 这些行会记为失败。</source>
        <translation>{0} cells could not be read (in red; hover to see why). Their rows will be recorded as failed.</translation>
    </message>
    <message>
        <source>已跳过 {0} 个合计或重复表头行。</source>
        <translation>Skipped {0} totals or repeated header rows.</translation>
    </message>
    <message>
        <source>其他列将作为附加信息保存: {0}。</source>
        <translation>Other columns will be kept as extra information: {0}.</translation>
    </message>
    <message>
        <source>这个文件以前导入过 (第 {0} 次导入), 再导入不会重复添加。</source>
        <translation>This file was imported before (import #{0}); importing it again will not add duplicates.</translation>
    </message>
    <message>
        <source>(不导入)</source>
        <translation>(Don&apos;t import)</translation>
    </message>
    <message>
        <source>第 {0} 列</source>
        <translation>Column {0}</translation>
    </message>
    <message>
        <source>列对应</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>保存报告…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>跳过和失败的行:</source>
        <translation>Skipped and failed rows:</translation>
    </message>
    <message>
        <source>导入完成 (第 {0} 次导入, 用时 {1:.1f} 秒): 新增 {2} 行, 更新 {3} 行, 跳过 {4} 行, 失败 {5} 行。如需撤销, 在“导入记录”里可整批撤销。</source>
        <translation>Import complete (import #{0}, {1:.1f} s): {2} rows added, {3} updated, {4} skipped, {5} failed. To undo it, undo the whole batch in &quot;Import history&quot;.</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>Import did not complete</translation>
    </message>
    <message>
        <source>
数据库没有任何改动。</source>
        <translation>
The database was not changed.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入报告_{0}.xlsx</source>
        <translation>Import report_{0}.xlsx</translation>
    </message>
    <message>
        <source>保存导入报告</source>
        <translation>Save import report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>报告已保存: {0}</source>
        <translation>Report saved: {0}</translation>
    </message>
    <message>
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
</context>
<context>
    <name>InteractionsPage</name>
    <message>
        <source>今天</source>
        <extracomment>the column widths and order the operator arranged (declared here until settings.py lists it) a member filter matching more people than this filters by the first ones only (one IN list) InteractionService.list_ids returns at most this many ids a group name typed but not picked filters by at most this many matching groups no group has this id: a typed name matching no group shows no rows the operator asked to log an interaction (the main window opens the quick-entry bar)</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>跟进状态</source>
        <translation>Follow-up status</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部群 (输入名称或拼音)</source>
        <translation>All groups (type a name or pinyin)</translation>
    </message>
    <message>
        <source>成员: 昵称、拼音或手机</source>
        <translation>Member: nickname, pinyin or mobile</translation>
    </message>
    <message>
        <source>近 7 天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>全部时间</source>
        <translation>All time</translation>
    </message>
    <message>
        <source>自定义…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>不限跟进</source>
        <translation>Any follow-up</translation>
    </message>
    <message>
        <source>有跟进</source>
        <translation>With follow-up</translation>
    </message>
    <message>
        <source>无跟进</source>
        <translation>No follow-up</translation>
    </message>
    <message>
        <source>跟进未完成</source>
        <translation>Follow-up open</translation>
    </message>
    <message>
        <source>跟进已完成</source>
        <translation>Follow-up done</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>记录互动</source>
        <translation>Log interaction</translation>
    </message>
    <message>
        <source>打开快速记录栏 (Ctrl+L)</source>
        <translation>Open the quick entry bar (Ctrl+L)</translation>
    </message>
    <message>
        <source>标记跟进完成</source>
        <translation>Mark follow-up done</translation>
    </message>
    <message>
        <source>把所选记录的跟进标记为已完成</source>
        <translation>Mark the follow-ups of the selected interactions as done</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>删除所选记录 (Del)</source>
        <translation>Delete the selected interactions (Del)</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>成员匹配 {0} 位, 只按前 {1} 位筛选</source>
        <translation>{0} members match; filtering by the first {1} only</translation>
    </message>
    <message>
        <source>显示最新的 {0} 条, 请缩小筛选范围</source>
        <translation>Showing the latest {0}; narrow the filters to see more</translation>
    </message>
    <message>
        <source>显示最早的 {0} 条, 请缩小筛选范围</source>
        <translation>Showing the earliest {0}; narrow the filters to see more</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} in total</translation>
    </message>
    <message>
        <source> · 已选 {0} 条</source>
        <translation> · {0} selected</translation>
    </message>
    <message>
        <source>没有符合条件的互动记录。&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;清除筛选&lt;/a&gt;</source>
        <translation>No interactions match the filters.&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;Clear filters&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;还没有互动记录&lt;/p&gt;&lt;p&gt;按 &lt;b&gt;Ctrl+L&lt;/b&gt; 记录第一条互动: 选群和成员, 写一句内容, 按 Enter 保存。&lt;/p&gt;&lt;p&gt;&lt;a href=&apos;log&apos;&gt;现在记录&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;No interactions yet&lt;/p&gt;&lt;p&gt;Press &lt;b&gt;Ctrl+L&lt;/b&gt; to log your first interaction: pick a group and a member, write a line, and press Enter to save.&lt;/p&gt;&lt;p&gt;&lt;a href=&apos;log&apos;&gt;Log one now&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>互动记录只能按时间排序</source>
        <translation>Interactions can only be sorted by time</translation>
    </message>
    <message>
        <source>{0} 种类型</source>
        <translation>{0} types</translation>
    </message>
    <message>
        <source>按互动类型筛选 (可多选)</source>
        <translation>Filter by interaction type (choose one or more)</translation>
    </message>
    <message>
        <source>互动记录</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>{0} 条跟进已完成</source>
        <translation>{0} follow-ups done</translation>
    </message>
    <message>
        <source>所选记录没有未完成的跟进</source>
        <translation>The selected interactions have no open follow-ups</translation>
    </message>
    <message>
        <source>删除互动记录</source>
        <translation>Delete interactions</translation>
    </message>
    <message>
        <source>删除所选的 {0} 条互动记录?
群的每日统计会随之更新; 成员的进群、退群状态不变。此操作不能撤销。</source>
        <translation>Delete the {0} selected interactions?
The groups&apos; daily statistics will be updated; members&apos; joined and left status stays as it is. This cannot be undone.</translation>
    </message>
    <message>
        <source>已删除 {0} 条互动记录</source>
        <translation>Deleted {0} interactions</translation>
    </message>
</context>
<context>
    <name>JielongTab</name>
    <message>
        <source>把群里的接龙整段粘贴到这里, 例如:
#接龙
周六水果团 截单周五20:00
1. 王芳 脐橙5斤×2 阳光花园
2. 李娜 苹果x1 翠湖
然后点“识别”。再次粘贴更长的接龙时, 已下单的行会自动跳过。</source>
        <translation>Paste the whole jielong from the group here, for example:
#接龙
Saturday fruit, cut-off Friday 20:00
1. 王芳 脐橙5斤×2 阳光花园
2. 李娜 苹果x1 翠湖
then click “Recognise”. When you paste a longer jielong again, lines already ordered are skipped.</translation>
    </message>
    <message>
        <source>识别</source>
        <translation>Recognise</translation>
    </message>
    <message>
        <source>识别接龙的每一行 (Ctrl+Enter); 不会写入任何数据</source>
        <translation>Recognise every line of the jielong (Ctrl+Enter); nothing is saved</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>创建订单</source>
        <translation>Create orders</translation>
    </message>
    <message>
        <source>撤销这次接龙</source>
        <translation>Undo this jielong</translation>
    </message>
    <message>
        <source>删除刚才这次接龙创建的订单和新登记的成员 (在“导入记录”里也可撤销)</source>
        <translation>Delete the orders and new members this jielong just created (also possible under Import history)</translation>
    </message>
    <message>
        <source>请先把接龙粘贴到上面的框里。</source>
        <translation>Paste the jielong into the box above first.</translation>
    </message>
    <message>
        <source>先在左边选择一个团购活动。</source>
        <translation>Choose a group buy on the left first.</translation>
    </message>
    <message>
        <source>没有识别出接龙行。每行以序号开头, 如“3. 王芳 脐橙×2”。</source>
        <translation>No jielong lines recognised. Each line starts with its number, e.g. “3. 王芳 脐橙×2”.</translation>
    </message>
    <message>
        <source>粘贴接龙后点“识别”, 核对每一行再创建订单。</source>
        <translation>Paste a jielong and click “Recognise”; check every line, then create the orders.</translation>
    </message>
    <message>
        <source>共 {0} 行: {1} 行待创建, {2} 行已下单</source>
        <translation>{0} lines: {1} to create, {2} already ordered</translation>
    </message>
    <message>
        <source>; {0} 行有问题 (红色), 请在表格中修改或取消勾选</source>
        <translation>; {0} lines have problems (red): fix them in the table or untick them</translation>
    </message>
    <message>
        <source> 等</source>
        <translation> and more</translation>
    </message>
    <message>
        <source>; 之前的 {0} 笔订单已不在接龙里 (可能已退出), 请核对: {1}</source>
        <translation>; {0} earlier orders are no longer in the list (the buyers may have withdrawn), please check: {1}</translation>
    </message>
    <message>
        <source>订单 #{0}: {1}</source>
        <translation>Order #{0}: {1}</translation>
    </message>
    <message>
        <source>接龙</source>
        <translation>Jielong</translation>
    </message>
    <message>
        <source>已创建 {0} 笔订单 (跳过 {1} 行已下单)</source>
        <translation>Created {0} orders (skipped {1} lines already ordered)</translation>
    </message>
    <message>
        <source>没有创建订单</source>
        <translation>No orders created</translation>
    </message>
    <message>
        <source>正在创建订单…</source>
        <translation>Creating orders…</translation>
    </message>
    <message>
        <source>删除这次接龙创建的订单和新登记的成员?</source>
        <translation>Delete the orders and new members this jielong created?</translation>
    </message>
    <message>
        <source>已撤销这次接龙</source>
        <translation>This jielong was undone</translation>
    </message>
    <message>
        <source>无法撤销</source>
        <translation>Cannot undo</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>{0}  较上期</source>
        <extracomment>data kinds whose change cannot move a figure on the dashboard the chart cards, in reading order (two per row) plot heights: twenty named bars need about 22 px each</extracomment>
        <translation>{0}  vs previous</translation>
    </message>
    <message>
        <source>上期 ({0}): {1}</source>
        <translation>Previous ({0}): {1}</translation>
    </message>
    <message>
        <source>未设目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>目标为 0, 不计完成度</source>
        <translation>Target is 0, no progress</translation>
    </message>
    <message>
        <source>目标 {0} · 完成 {1:.0f}%</source>
        <translation>Target {0} · {1:.0f}% done</translation>
    </message>
</context>
<context>
    <name>LadderSettingsDialog</name>
    <message>
        <source>客户阶梯与活跃度规则</source>
        <translation>Customer ladder and activity rules</translation>
    </message>
    <message>
        <source>等级建议 (0 表示不用这条规则)</source>
        <translation>Tier suggestions (0 switches a rule off)</translation>
    </message>
    <message>
        <source> 次发言</source>
        <translation> messages</translation>
    </message>
    <message>
        <source> 笔付款订单</source>
        <translation> paid orders</translation>
    </message>
    <message>
        <source> 位推荐</source>
        <translation> referrals</translation>
    </message>
    <message>
        <source>目标用户 → 粉丝: 在群里发言达到</source>
        <translation>Prospect → fan: messages in groups reach</translation>
    </message>
    <message>
        <source>→ 会员: 达到</source>
        <translation>→ member: at least</translation>
    </message>
    <message>
        <source>→ 合伙人候选: 推荐达到</source>
        <translation>→ partner candidate: referrals reach</translation>
    </message>
    <message>
        <source>每种互动的分值</source>
        <translation>Points per kind of interaction</translation>
    </message>
    <message>
        <source>时间窗口: 越早的互动分值打折越多</source>
        <translation>Time windows: older interactions count for less</translation>
    </message>
    <message>
        <source> 天内</source>
        <translation> days</translation>
    </message>
    <message>
        <source>窗口 {0}</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <source>活跃度等级的门槛</source>
        <translation>Activity level thresholds</translation>
    </message>
    <message>
        <source>得分 ≥ </source>
        <translation>score ≥ </translation>
    </message>
    <message>
        <source> 周有互动</source>
        <translation> active weeks</translation>
    </message>
    <message>
        <source> 个月有互动</source>
        <translation> active months</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>降级只在期初生效</source>
        <translation>Downgrades take effect at the start of</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>群管家 QunDesk</source>
        <translation>QunDesk</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>群组</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>互动</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>团购</source>
        <translation>Group buys</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>Broadcasts</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>Import history</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>正在使用的数据库</source>
        <translation>Database in use</translation>
    </message>
    <message>
        <source>群发检查失败: {0}</source>
        <translation>Broadcast check failed: {0}</translation>
    </message>
    <message>
        <source>正在检查并发送到期的群发…</source>
        <translation>Checking and sending due broadcasts…</translation>
    </message>
    <message>
        <source>正在发送中, 请稍候</source>
        <translation>Still sending, please wait</translation>
    </message>
    <message>
        <source>机器人已发送 {0} 条</source>
        <translation>Robots sent {0} messages</translation>
    </message>
    <message>
        <source>{0} 条发送失败 (见群发 → 发送记录)</source>
        <translation>{0} sends failed (see Broadcasts → Delivery history)</translation>
    </message>
    <message>
        <source>{0} 条消息发送中断, 请到 群发 → 待确认 确认是否已发出</source>
        <translation>{0} sends were interrupted; confirm under Broadcasts → To confirm whether they went out</translation>
    </message>
    <message>
        <source>机器人已停用: {0}</source>
        <translation>Robot stopped: {0}</translation>
    </message>
    <message>
        <source>{0} 条群发消息等你手动发送 (群发 → 待发送)</source>
        <translation>{0} broadcast messages wait for you to send by hand (Broadcasts → To send)</translation>
    </message>
    <message>
        <source>群发到期</source>
        <translation>Broadcasts due</translation>
    </message>
    <message>
        <source>机器人已停用</source>
        <translation>Robot stopped</translation>
    </message>
    <message>
        <source>群发 ({0})</source>
        <translation>Broadcasts ({0})</translation>
    </message>
    <message>
        <source>沉默判定</source>
        <translation>Dormant groups</translation>
    </message>
    <message>
        <source>连续多少天没有发言的群算作沉默群:</source>
        <translation>Days without a message before a group counts as dormant:</translation>
    </message>
    <message>
        <source>归档已结束的群</source>
        <translation>Archive ended groups</translation>
    </message>
    <message>
        <source>没有已结束但未归档的短期群。</source>
        <translation>No short-term group has ended without being archived.</translation>
    </message>
    <message>
        <source>
… 等共 {0} 个群</source>
        <translation>
… {0} groups in all</translation>
    </message>
    <message>
        <source>以下 {0} 个短期群已结束, 归档它们吗? 归档后可随时恢复。

{1}{2}</source>
        <translation>These {0} short-term groups have ended. Archive them? Archived groups can be restored at any time.

{1}{2}</translation>
    </message>
    <message>
        <source>已归档 {0} 个已结束的群</source>
        <translation>Archived {0} ended groups</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建群…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>导出当前表格…</source>
        <translation>Export current table…</translation>
    </message>
    <message>
        <source>把当前页面表格显示的行和列 (筛选、排序后) 导出为 Excel 或 CSV</source>
        <translation>Export the rows and columns the current table shows (filtered and sorted) to Excel or CSV</translation>
    </message>
    <message>
        <source>立即发送到期消息</source>
        <translation>Send due messages now</translation>
    </message>
    <message>
        <source>现在就检查到期的群发: 有机器人的群立即发送, 其余放进“待发送”</source>
        <translation>Check for due broadcasts now: groups with a robot are sent to at once, the rest go to “To send”</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>记录互动…</source>
        <translation>Log interaction…</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>归档已结束的短期群…</source>
        <translation>Archive ended short-term groups…</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>沉默判定天数…</source>
        <translation>Dormant after…</translation>
    </message>
    <message>
        <source>客户阶梯与活跃度规则…</source>
        <translation>Customer ladder and activity rules…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于群管家</source>
        <translation>About QunDesk</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>这个分组的筛选条件已损坏</source>
        <translation>This segment&apos;s filter is damaged</translation>
    </message>
    <message>
        <source>存为分组</source>
        <translation>Save as segment</translation>
    </message>
    <message>
        <source>分组名称, 例如“VIP服务群·活跃”:</source>
        <translation>Segment name, e.g. “VIP service · active”:</translation>
    </message>
    <message>
        <source>已保存分组“{0}”</source>
        <translation>Saved segment “{0}”</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>重命名分组</source>
        <translation>Rename segment</translation>
    </message>
    <message>
        <source>新名称:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>删除分组</source>
        <translation>Delete segment</translation>
    </message>
    <message>
        <source>删除分组“{0}”? 只删除这个保存的筛选, 群本身不受影响。</source>
        <translation>Delete segment “{0}”? Only the saved filter is deleted; the groups are not affected.</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>这一页没有可导出的表格。请切换到群组、成员或互动页。</source>
        <translation>This page has no table to export. Switch to Groups, Members or Interactions.</translation>
    </message>
    <message>
        <source>表格是空的, 没有可导出的行。</source>
        <translation>The table is empty; there is nothing to export.</translation>
    </message>
    <message>
        <source>导出“{0}”</source>
        <translation>Export &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV (UTF-8) (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (UTF-8) (*.csv)</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile numbers</translation>
    </message>
    <message>
        <source>导出完整手机号吗? 默认只导出 138****1234 这样的打码号码;导出完整号码会记入操作日志。</source>
        <translation>Export full mobile numbers? By default they are masked like 138****1234; a full export is recorded in the audit log.</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 {0} 行到 {1}</source>
        <translation>Exported {0} rows to {1}</translation>
    </message>
    <message>
        <source>导入完成: 新增 {0} 行, 更新 {1} 行</source>
        <translation>Import complete: {0} rows added, {1} updated</translation>
    </message>
    <message>
        <source>演示工作区已生成</source>
        <translation>Demo workspace created</translation>
    </message>
    <message>
        <source>无法生成演示工作区</source>
        <translation>Could not create the demo workspace</translation>
    </message>
    <message>
        <source>正在生成演示工作区…</source>
        <translation>Creating the demo workspace…</translation>
    </message>
    <message>
        <source>群 {0} · 成员 {1}</source>
        <translation>Groups: {0} · Members: {1}</translation>
    </message>
    <message>
        <source>界面语言将在重新启动群管家后生效。</source>
        <translation>The new language takes effect when QunDesk is restarted.</translation>
    </message>
    <message>
        <source>&lt;b&gt;群管家 QunDesk&lt;/b&gt; {0}&lt;br&gt;为运营几百个群的人准备的桌面工作台。&lt;br&gt;数据库: {1}</source>
        <translation>&lt;b&gt;QunDesk 群管家&lt;/b&gt; {0}&lt;br&gt;A desktop workstation for people who run hundreds of chat groups.&lt;br&gt;Database: {1}</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>当前群有未保存的修改, 退出前要保存吗?</source>
        <translation>The current group has unsaved changes. Save them before quitting?</translation>
    </message>
    <message>
        <source>成员资料有未保存的修改, 退出前要保存吗?</source>
        <translation>A member profile has unsaved changes. Save before quitting?</translation>
    </message>
    <message>
        <source>自动分类规则有未保存的修改, 退出前要保存吗?</source>
        <translation>An auto-classification rule has unsaved changes. Save before quitting?</translation>
    </message>
</context>
<context>
    <name>ManualQueueTab</name>
    <message>
        <source>群</source>
        <extracomment>what a skip from the queue records as the reason how many sends are waiting (for the tab title and the navigation badge) handled here, written (or being written) on the worker: never shown again</extracomment>
        <translation>Group</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>Broadcasts</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Ctrl+C 复制 · Ctrl+Shift+C 复制图片 · Enter 已发送并到下一条 · S 跳过 · ↑↓ 切换</source>
        <translation>Ctrl+C copy · Ctrl+Shift+C copy image · Enter sent, next · S skip · ↑↓ move</translation>
    </message>
    <message>
        <source>复制 (Ctrl+C)</source>
        <translation>Copy (Ctrl+C)</translation>
    </message>
    <message>
        <source>已手动发送 (Enter)</source>
        <translation>Sent by hand (Enter)</translation>
    </message>
    <message>
        <source>跳过 (S)</source>
        <translation>Skip (S)</translation>
    </message>
    <message>
        <source>没有待手动发送的消息</source>
        <translation>No messages waiting to be sent by hand</translation>
    </message>
    <message>
        <source>剩余 {0}</source>
        <translation>{0} left</translation>
    </message>
    <message>
        <source>请打开群: {0}</source>
        <translation>Open the group: {0}</translation>
    </message>
    <message>
        <source> (文件不存在)</source>
        <translation> (file not found)</translation>
    </message>
    <message>
        <source>已复制发给“{0}”的消息, 粘贴到群里后按 Enter</source>
        <translation>Copied the message for “{0}”; paste it in the group, then press Enter</translation>
    </message>
    <message>
        <source>这条消息没有图片附件</source>
        <translation>This message has no image attachment</translation>
    </message>
    <message>
        <source>文件不存在: {0}</source>
        <translation>File not found: {0}</translation>
    </message>
    <message>
        <source>无法读取图片: {0}</source>
        <translation>Cannot read the image: {0}</translation>
    </message>
    <message>
        <source>已复制图片“{0}”, 到群里粘贴</source>
        <translation>Copied image “{0}”; paste it into the group</translation>
    </message>
    <message>
        <source>已复制文件“{0}”, 到群里粘贴</source>
        <translation>Copied file “{0}”; paste it into the group</translation>
    </message>
    <message>
        <source>文件夹不存在: {0}</source>
        <translation>Folder not found: {0}</translation>
    </message>
    <message>
        <source>已记录: “{0}”已手动发送</source>
        <translation>Recorded: “{0}” sent by hand</translation>
    </message>
    <message>
        <source>已跳过“{0}”</source>
        <translation>Skipped “{0}”</translation>
    </message>
</context>
<context>
    <name>MemberDetailTabs</name>
    <message>
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source> · 管理员</source>
        <translation> · admin</translation>
    </message>
    <message>
        <source>入群</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>群昵称</source>
        <translation>Nickname in group</translation>
    </message>
    <message>
        <source>所在群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>代</source>
        <translation>Generation</translation>
    </message>
    <message>
        <source>推荐关系</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>等级变化</source>
        <translation>Tier changes</translation>
    </message>
    <message>
        <source>等级与活跃度</source>
        <translation>Tier and activity</translation>
    </message>
    <message>
        <source>显示最近 {0} 条, 共 {1} 条</source>
        <translation>Showing the latest {0} of {1}</translation>
    </message>
    <message>
        <source>共 {0} 条互动和订单</source>
        <translation>{0} interactions and orders</translation>
    </message>
    <message>
        <source>群管理员和工作人员不参与活跃度分级。</source>
        <translation>Group admins and staff have no activity level.</translation>
    </message>
    <message>
        <source>&lt;b&gt;活跃度: {0}&lt;/b&gt;&lt;br&gt;{1}</source>
        <translation>&lt;b&gt;Activity: {0}&lt;/b&gt;&lt;br&gt;{1}</translation>
    </message>
    <message>
        <source>邀请了 TA 的人 ({0})</source>
        <translation>Invited by ({0})</translation>
    </message>
    <message>
        <source>第{0}代 {1} 人</source>
        <translation>generation {0}: {1}</translation>
    </message>
    <message>
        <source>TA 邀请的人 ({0}) {1}</source>
        <translation>Invited ({0}) {1}</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>微信昵称</source>
        <translation>WeChat nickname</translation>
    </message>
    <message>
        <source>真实姓名, 可不填</source>
        <translation>Real name, optional</translation>
    </message>
    <message>
        <source>11 位手机号, 可带 +86</source>
        <translation>11-digit mobile, +86 allowed</translation>
    </message>
    <message>
        <source>微信号, 可不填</source>
        <translation>WeChat ID, optional</translation>
    </message>
    <message>
        <source>种子用户</source>
        <translation>Seed user</translation>
    </message>
    <message>
        <source>例如: 老带新、地推、抖音</source>
        <translation>e.g. referral, street promotion, Douyin</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>昵称</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>微信号</source>
        <translation>WeChat ID</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>昵称</source>
        <extracomment>(member id, nickname) whose invitees the table lists, or None</extracomment>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>活跃度</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>计算于 {0}</source>
        <translation>Computed on {0}</translation>
    </message>
    <message>
        <source>尚未计算</source>
        <translation>Not computed yet</translation>
    </message>
    <message>
        <source>群数</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>最近互动</source>
        <translation>Last active</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>微信号</source>
        <translation>WeChat ID</translation>
    </message>
    <message>
        <source>建档</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>搜索昵称、姓名、手机、微信号、拼音或首字母 (Ctrl+F)</source>
        <translation>Search nickname, name, mobile, WeChat ID, pinyin or initials (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>全部角色</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>按活跃度筛选 (规则见 设置 → 客户阶梯与活跃度规则)</source>
        <translation>Filter by activity level (rules under Settings → Customer ladder and activity rules)</translation>
    </message>
    <message>
        <source>全部活跃度</source>
        <translation>Any activity</translation>
    </message>
    <message>
        <source>全部标签</source>
        <translation>Any tag</translation>
    </message>
    <message>
        <source>所在的群, 或一个已保存的分群 (其中任一群)</source>
        <translation>A group they are in, or a saved segment (any of its groups)</translation>
    </message>
    <message>
        <source>全部群</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>不限最近互动</source>
        <translation>Any last activity</translation>
    </message>
    <message>
        <source>7 天内有互动</source>
        <translation>Active in 7 days</translation>
    </message>
    <message>
        <source>30 天内有互动</source>
        <translation>Active in 30 days</translation>
    </message>
    <message>
        <source>30 天以上没有互动</source>
        <translation>Quiet for 30+ days</translation>
    </message>
    <message>
        <source>90 天以上没有互动</source>
        <translation>Quiet for 90+ days</translation>
    </message>
    <message>
        <source>只看种子用户</source>
        <translation>Seed users only</translation>
    </message>
    <message>
        <source>点击取消这个筛选</source>
        <translation>Click to remove this filter</translation>
    </message>
    <message>
        <source>新建成员</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>标签…</source>
        <translation>Tags…</translation>
    </message>
    <message>
        <source>新建、重命名、换颜色或删除成员标签</source>
        <translation>Create, rename, recolour or delete member tags</translation>
    </message>
    <message>
        <source>查找重复…</source>
        <translation>Find duplicates…</translation>
    </message>
    <message>
        <source>同一手机号、同一微信号, 或同群同昵称的成员</source>
        <translation>Members with the same mobile, WeChat ID, or nickname in a shared group</translation>
    </message>
    <message>
        <source>等级建议…</source>
        <translation>Tier suggestions…</translation>
    </message>
    <message>
        <source>按客户阶梯规则建议升级的成员, 审核后批量应用</source>
        <translation>Members the ladder rules would move up; review and apply in bulk</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存修改 (Ctrl+S)</source>
        <translation>Save changes (Ctrl+S)</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>调整等级…</source>
        <translation>Change tier…</translation>
    </message>
    <message>
        <source>加入群…</source>
        <translation>Add to group…</translation>
    </message>
    <message>
        <source>移出群…</source>
        <translation>Remove from group…</translation>
    </message>
    <message>
        <source>打标签…</source>
        <translation>Tag…</translation>
    </message>
    <message>
        <source>移除标签…</source>
        <translation>Remove tag…</translation>
    </message>
    <message>
        <source>选择一位成员查看资料、所在群、时间线和推荐关系;
按住 Ctrl 或 Shift 选择多位成员可批量打标签、调整等级、加入或移出群
(也可在表格中点右键)。</source>
        <translation>Select a member to see their profile, groups, timeline and referrals;
hold Ctrl or Shift to select several and tag them, change their tier, or add them to or remove them from a group
(or right-click in the table).</translation>
    </message>
    <message>
        <source>打标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>移除标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <source>给所选 {0} 位成员打上标签 (输入新名称即新建):</source>
        <translation>Tag the {0} selected members (type a new name to create a tag):</translation>
    </message>
    <message>
        <source>从所选 {0} 位成员移除标签:</source>
        <translation>Remove a tag from the {0} selected members:</translation>
    </message>
    <message>
        <source>还没有任何标签。</source>
        <translation>There are no tags yet.</translation>
    </message>
    <message>
        <source>{0} 位成员打上了“{1}”</source>
        <translation>{0} members tagged &quot;{1}&quot;</translation>
    </message>
    <message>
        <source>{0} 位成员移除了“{1}”</source>
        <translation>&quot;{1}&quot; removed from {0} members</translation>
    </message>
    <message>
        <source>TA 邀请的人: {0}  ✕</source>
        <translation>Invited by {0}  ✕</translation>
    </message>
    <message>
        <source>只看 TA 邀请的人</source>
        <translation>Show only whom they invited</translation>
    </message>
    <message>
        <source>活跃度尚未计算</source>
        <translation>Activity levels not computed yet</translation>
    </message>
    <message>
        <source>活跃度计算于 {0}</source>
        <translation>Activity levels computed on {0}</translation>
    </message>
    <message>
        <source> · {0} 位新成员尚未计算</source>
        <translation> · {0} new members not computed yet</translation>
    </message>
    <message>
        <source>重新计算</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>按当前的活跃度规则重新计算所有成员的活跃度</source>
        <translation>Recompute every member&apos;s activity level under the current rules</translation>
    </message>
    <message>
        <source>正在计算活跃度… {0}%</source>
        <translation>Computing activity levels… {0}%</translation>
    </message>
    <message>
        <source>已更新 {0} 位成员的活跃度</source>
        <translation>Updated the activity level of {0} members</translation>
    </message>
    <message>
        <source>正在计算活跃度…</source>
        <translation>Computing activity levels…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>停止计算; 已算好的成员保留新结果</source>
        <translation>Stop; members already computed keep their new level</translation>
    </message>
    <message>
        <source>活跃度计算已取消</source>
        <translation>Activity computation cancelled</translation>
    </message>
    <message>
        <source>查找成员</source>
        <translation>Find member</translation>
    </message>
    <message>
        <source>保存成员</source>
        <translation>Save member</translation>
    </message>
    <message>
        <source>分群 · {0}</source>
        <translation>Segment · {0}</translation>
    </message>
    <message>
        <source>共 {0} 人</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <source> · 已选 {0} 人</source>
        <translation> · {0} selected</translation>
    </message>
    <message>
        <source>没有符合条件的成员。试试清除搜索和筛选。</source>
        <translation>No member matches. Try clearing the search and filters.</translation>
    </message>
    <message>
        <source>还没有成员。点击“新建成员”添加, 或从“文件 → 导入”导入成员表和群成员名单。</source>
        <translation>No members yet. Click &quot;New member&quot;, or import a member sheet or group member lists from File → Import.</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>“{0}”的资料有未保存的修改, 要保存吗?</source>
        <translation>The profile of &quot;{0}&quot; has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>已选 {0} 位成员</source>
        <translation>{0} members selected</translation>
    </message>
    <message>
        <source>编辑资料</source>
        <translation>Profile edited</translation>
    </message>
    <message>
        <source>调整等级</source>
        <translation>Change tier</translation>
    </message>
    <message>
        <source>调整等级的原因:</source>
        <translation>Reason for the tier change:</translation>
    </message>
    <message>
        <source>手动调整</source>
        <translation>Changed by hand</translation>
    </message>
    <message>
        <source>已保存“{0}”</source>
        <translation>Saved &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>已新建成员“{0}”</source>
        <translation>Created member &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>种子用户</source>
        <translation>Seed user</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>把所选 {0} 位成员调整为:</source>
        <translation>Move the {0} selected members to:</translation>
    </message>
    <message>
        <source>原因 (记入等级历史):</source>
        <translation>Reason (kept in the tier history):</translation>
    </message>
    <message>
        <source>批量调整</source>
        <translation>Bulk change</translation>
    </message>
    <message>
        <source>{0} 位成员调整为{1}</source>
        <translation>{0} members are now {1}</translation>
    </message>
    <message>
        <source>加入群</source>
        <translation>Add to group</translation>
    </message>
    <message>
        <source>移出群</source>
        <translation>Remove from group</translation>
    </message>
    <message>
        <source>把所选 {0} 位成员加入:</source>
        <translation>Add the {0} selected members to:</translation>
    </message>
    <message>
        <source>把所选 {0} 位成员移出:</source>
        <translation>Remove the {0} selected members from:</translation>
    </message>
    <message>
        <source>{0} 位成员已加入“{1}”</source>
        <translation>{0} members joined &quot;{1}&quot;</translation>
    </message>
    <message>
        <source>{0} 位成员已移出“{1}”</source>
        <translation>{0} members left &quot;{1}&quot;</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并群</source>
        <translation>Merge groups</translation>
    </message>
    <message>
        <source>例如: 两个小群人数太少, 合并运营</source>
        <translation>e.g. two small groups, run them as one</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>移入</source>
        <translation>Moved</translation>
    </message>
    <message>
        <source>合并重复</source>
        <translation>Folded duplicates</translation>
    </message>
    <message>
        <source>舍弃</source>
        <translation>Dropped</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保留的群</source>
        <translation>Group to keep</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>正在计算要移动的数据…</source>
        <translation>Working out what will move…</translation>
    </message>
    <message>
        <source>把 {0} 个群并入“{1}”: 人数 {2} → {3} (容量 {4})。被并入的群会归档。</source>
        <translation>Merge {0} groups into “{1}”: members {2} → {3} (capacity {4}). The merged groups are archived.</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <source>新建群</source>
        <extracomment>submit(draft, label_ids, on_failed) starts the save; the dialog closes when the page says so</extracomment>
        <translation>New group</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NewMemberDialog</name>
    <message>
        <source>新建成员</source>
        <extracomment>group-filter entries that are saved segments carry (&quot;segment&quot;, id) as their data</extracomment>
        <translation>New member</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>编辑订单 #{0}</source>
        <extracomment>asks for members matching what was typed; the answer goes to the callback</extracomment>
        <translation>Edit order #{0}</translation>
    </message>
    <message>
        <source>输入昵称、拼音或手机号, 可从提示列表中选择成员</source>
        <translation>Type a nickname, pinyin or phone; you can pick a member from the suggestions</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>商品×数量, 多个商品用顿号或逗号隔开</source>
        <translation>Product×quantity; separate several products with commas</translation>
    </message>
    <message>
        <source>(无自提点)</source>
        <translation>(no pickup point)</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>Pickup point</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>提货</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <source>退款 (元)</source>
        <translation>Refund (yuan)</translation>
    </message>
    <message>
        <source>楼号</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>接龙原文: {0}</source>
        <translation>Jielong text: {0}</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入时表格里的其他信息 (只读)</source>
        <translation>Other information from the imported sheet (read-only)</translation>
    </message>
    <message>
        <source>其他信息</source>
        <translation>Other information</translation>
    </message>
    <message>
        <source>将关联所选成员</source>
        <translation>Will be linked to the selected member</translation>
    </message>
    <message>
        <source>下单人已修改: 保存时按手机号、昵称重新关联成员, 都不匹配则登记为新成员; 也可从提示列表中选择成员</source>
        <translation>Buyer changed: on saving, the order is linked again by phone, then nickname, or a new member is registered if neither matches; you can also pick a member from the suggestions</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>已退款 {0}</source>
        <translation>Refunded {0}</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>提货</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>Pickup point</translation>
    </message>
    <message>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <source>全部付款状态</source>
        <translation>Any payment status</translation>
    </message>
    <message>
        <source>全部提货状态</source>
        <translation>Any pickup status</translation>
    </message>
    <message>
        <source>全部自提点</source>
        <translation>Any pickup point</translation>
    </message>
    <message>
        <source>标记已付款</source>
        <translation>Mark paid</translation>
    </message>
    <message>
        <source>标记已取货</source>
        <translation>Mark picked up</translation>
    </message>
    <message>
        <source>取消订单</source>
        <translation>Cancel orders</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>快速下单: 下单人</source>
        <translation>Quick order: buyer</translation>
    </message>
    <message>
        <source>快速下单: 输入下单人 (可用拼音), 再输入商品×数量, 按回车保存</source>
        <translation>Quick order: type the buyer (pinyin works), then product×quantity, and press Enter</translation>
    </message>
    <message>
        <source>这个团购还没有订单。
在下面的快速下单一行输入下单人和“商品×数量”后按回车,
或到“接龙”页粘贴群里的接龙, 或用 文件 → 导入 导入快团团/群接龙导出的订单。</source>
        <translation>This group buy has no orders yet.
Type a buyer and “product×quantity” in the quick-order line below and press Enter,
or paste the group&apos;s jielong on the “Jielong” tab, or import KuaiTuanTuan / QunJieLong exports with File → Import.</translation>
    </message>
    <message>
        <source>; “{0}”是新成员, 已自动登记</source>
        <translation>; “{0}” is a new member and has been registered</translation>
    </message>
    <message>
        <source>; 有多个成员叫“{0}”, 订单未关联成员 (下单时可从提示列表中选择)</source>
        <translation>; several members are called “{0}”, so the order is not linked to a member (pick one from the suggestions when ordering)</translation>
    </message>
    <message>
        <source>商品×数量, 如 脐橙×2 苹果×1</source>
        <translation>product×qty, e.g. 脐橙×2 苹果×1</translation>
    </message>
    <message>
        <source>搜索下单人、电话、单号、备注、地址</source>
        <translation>Search buyer, phone, order number, note, address</translation>
    </message>
    <message>
        <source>下单</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>保存这笔订单 (Enter)</source>
        <translation>Save this order (Enter)</translation>
    </message>
    <message>
        <source>(自提点)</source>
        <translation>(pickup point)</translation>
    </message>
    <message>
        <source>在左边选择一个团购活动, 或点击“新建团购…”。</source>
        <translation>Choose a group buy on the left, or click “New group buy…”.</translation>
    </message>
    <message>
        <source>没有符合筛选条件的订单。试试清除搜索和筛选。</source>
        <translation>No orders match the filters. Try clearing the search and filters.</translation>
    </message>
    <message>
        <source>共 {0} 单</source>
        <translation>{0} orders</translation>
    </message>
    <message>
        <source> · 已选 {0} 单</source>
        <translation> · {0} selected</translation>
    </message>
    <message>
        <source>已把 {0} 单标记为</source>
        <translation>Marked {0} orders as </translation>
    </message>
    <message>
        <source>把选中的 {0} 单标记为已取消? 已取消的订单不计入供货单和金额。</source>
        <translation>Mark the {0} selected orders cancelled? Cancelled orders are left out of the supplier sheet and the amounts.</translation>
    </message>
    <message>
        <source>已保存订单 #{0}</source>
        <translation>Saved order #{0}</translation>
    </message>
    <message>
        <source>尾号{0}</source>
        <translation>ends {0}</translation>
    </message>
    <message>
        <source>请先选择一个团购活动</source>
        <translation>Choose a group buy first</translation>
    </message>
    <message>
        <source>请填写下单人</source>
        <translation>Please enter the buyer</translation>
    </message>
    <message>
        <source>已下单: {0} {1} {2}</source>
        <translation>Ordered: {0} {1} {2}</translation>
    </message>
</context>
<context>
    <name>PasteMembersDialog</name>
    <message>
        <source>粘贴成员名单 · {0}</source>
        <extracomment>submit(on_date, entries) starts the write; the dialog closes when the page says so</extracomment>
        <translation>Paste member list · {0}</translation>
    </message>
    <message>
        <source>把群成员名单粘贴在这里, 一行一个昵称。
编号、表情和空行会自动去掉。

和上次的名单相比, 新出现的人记为进群, 不见了的人记为退群。</source>
        <translation>Paste the group&apos;s member list here, one nickname per line.
Numbering, emoji and blank lines are removed.

Compared with the last list, new names are recorded as joins and missing ones as leaves.</translation>
    </message>
    <message>
        <source>记录名单</source>
        <translation>Record list</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>名单日期</source>
        <translation>List date</translation>
    </message>
    <message>
        <source>识别到 {0} 人</source>
        <translation>{0} people recognised</translation>
    </message>
</context>
<context>
    <name>PickupPointDialog</name>
    <message>
        <source>编辑自提点</source>
        <extracomment>a pickup point item&apos;s id (None: new, created when the campaign is saved) a pickup point item&apos;s PickupPointDraft (what the point editor starts from) (product id or None for a new one, draft), in the order shown</extracomment>
        <translation>Edit pickup point</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>修改会用于所有用到这个自提点的团购和订单</source>
        <translation>Changes apply to every group buy and order that uses this pickup point</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>行</source>
        <extracomment>field -&gt; what the operator reads; the same words the alias table matches where one field name means different things per kind extra columns&apos; headers by field name</extracomment>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>QuickEntryBar</name>
    <message>
        <source>记录互动</source>
        <extracomment>how long typing must pause before members are asked of SQL suggestions shown in a completion popup matching member rows read to rank and to resolve a typed name the text a picked suggestion puts into the field (the popup shows more) the InteractionDTO just saved Esc on an empty bar hid it</extracomment>
        <translation>Log interaction</translation>
    </message>
    <message>
        <source>群: 名称、拼音或首字母</source>
        <translation>Group: name, pinyin or initials</translation>
    </message>
    <message>
        <source>成员: 昵称、拼音或手机</source>
        <translation>Member: nickname, pinyin or mobile</translation>
    </message>
    <message>
        <source>内容摘要, 按 Enter 保存</source>
        <translation>Summary, Enter saves</translation>
    </message>
    <message>
        <source>金额 ¥</source>
        <translation>Amount ¥</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow up</translation>
    </message>
    <message>
        <source>勾选后选一个日期, 到时出现在“待跟进”中</source>
        <translation>Tick and pick a date; it appears under Follow-ups then</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>保存这条互动 (Enter)</source>
        <translation>Save this interaction (Enter)</translation>
    </message>
    <message>
        <source>{0} · {1} 人</source>
        <translation>{0} · {1} members</translation>
    </message>
    <message>
        <source>尾号{0}</source>
        <translation>ends {0}</translation>
    </message>
    <message>
        <source>找不到群“{0}”</source>
        <translation>No group &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>有多个群符合“{0}”, 请从提示列表中选择</source>
        <translation>Several groups match &quot;{0}&quot;; pick one from the list</translation>
    </message>
    <message>
        <source>找不到成员“{0}”。先在成员页新建, 或清空成员只记到群。</source>
        <translation>No member &quot;{0}&quot;. Create them on the Members page, or clear the member to log for the group only.</translation>
    </message>
    <message>
        <source>有多位成员符合“{0}”, 请从提示列表中选择</source>
        <translation>Several members match &quot;{0}&quot;; pick one from the list</translation>
    </message>
    <message>
        <source>已记录{0}: {1}</source>
        <translation>Logged {0}: {1}</translation>
    </message>
    <message>
        <source>金额“{0}”不是数字</source>
        <translation>Amount &quot;{0}&quot; is not a number</translation>
    </message>
    <message>
        <source>金额最多两位小数 (分)</source>
        <translation>Amounts have at most two decimal places (fen)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>选好周期, 点“生成”, 这里就会列出本期和上期的参与指标、业务指标和目标完成度, 以及最活跃和最沉默的群。
“导出报告…”把同样的内容存成一个给老板看的 Excel 工作簿。</source>
        <extracomment>a report was computed and is now on screen a workbook was written: its path the data changed since the report on screen was computed the first figure of each family: only its row names the family</extracomment>
        <translation>Choose a period and click &quot;Generate&quot; to see engagement metrics, business metrics and target progress for this and the previous period, plus the most active and most silent groups.
&quot;Export report…&quot; saves the same content as an Excel workbook for your boss.</translation>
    </message>
    <message>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本月至今</source>
        <translation>Month to date</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>目标…</source>
        <translation>Targets…</translation>
    </message>
    <message>
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Metric</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>上期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>上期为 0, 无法计算变化</source>
        <translation>Previous period is 0, so no change can be calculated</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>完成度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>群名称</source>
        <translation>Group name</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>消息数</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>活跃天数</source>
        <translation>Active days</translation>
    </message>
    <message>
        <source>日均活跃</source>
        <translation>Daily active</translation>
    </message>
    <message>
        <source>净增</source>
        <translation>Net growth</translation>
    </message>
    <message>
        <source>成交额</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>最后发言</source>
        <translation>Last message</translation>
    </message>
    <message>
        <source>沉默天数</source>
        <translation>Days silent</translation>
    </message>
    <message>
        <source>从未发言</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>这个周期没有群发过言。</source>
        <translation>No group had any messages in this period.</translation>
    </message>
    <message>
        <source>每个群在这个周期都发过言, 没有沉默群。</source>
        <translation>Every group had messages in this period; there are no silent groups.</translation>
    </message>
    <message>
        <source>结束日期早于开始日期</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <source>周期最长 {0} 天</source>
        <translation>The period can be at most {0} days</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>报告没有生成</source>
        <translation>Report was not generated</translation>
    </message>
    <message>
        <source>本期 {0} ({1} 天), 对比上期 {2} · 生成于 {3}</source>
        <translation>This period {0} ({1} days), compared with previous period {2} · generated at {3}</translation>
    </message>
    <message>
        <source>{0} 期间还没有任何群, 报告无从算起。
工作区是空的话, 先在“群组”页新建群, 或用 文件 → 导入… 导入群列表、每日群数据或聊天记录, 再回来点“生成”; 否则换一个更晚的周期。</source>
        <translation>There were no groups yet during {0}, so there is nothing to report.
If the workspace is empty, create groups on the &quot;Groups&quot; page, or use File → Import… to import a group list, daily group data or chat history, then come back and click &quot;Generate&quot;; otherwise pick a later period.</translation>
    </message>
    <message>
        <source>{0} 和上一期都没有活动数据 (消息、入群、退群、订单)。
换一个周期, 或用 文件 → 导入… 导入这段时间的每日群数据或聊天记录。</source>
        <translation>Neither {0} nor the previous period has any activity (messages, joins, leaves, orders).
Pick another period, or use File → Import… to import daily group data or chat history for this time.</translation>
    </message>
    <message>
        <source>工作区还没有订单, 业务指标从略。</source>
        <translation>The workspace has no orders yet, so business metrics are left out.</translation>
    </message>
    <message>
        <source>本期没有等级变动记录。</source>
        <translation>No tier changes this period.</translation>
    </message>
    <message>
        <source>最活跃的群 (前 {0} 个, 按消息数)</source>
        <translation>Most active groups (top {0}, by messages)</translation>
    </message>
    <message>
        <source>最沉默的群 ({0} 个, 本期没有发言)</source>
        <translation>Most silent groups ({0}, no messages this period)</translation>
    </message>
    <message>
        <source>已切换工作区。选好周期, 点“生成”。</source>
        <translation>Workspace switched. Choose a period and click &quot;Generate&quot;.</translation>
    </message>
    <message>
        <source>数据有了变动, 点“生成”看最新的数字。</source>
        <translation>The data has changed. Click &quot;Generate&quot; to see the latest figures.</translation>
    </message>
    <message>
        <source>目标没有保存</source>
        <translation>Targets were not saved</translation>
    </message>
    <message>
        <source>已保存 {0} 个目标</source>
        <translation>Saved {0} targets</translation>
    </message>
    <message>
        <source>已清除全部目标</source>
        <translation>Cleared all targets</translation>
    </message>
    <message>
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在计算报告数字…</source>
        <translation>Calculating report figures…</translation>
    </message>
    <message>
        <source>正在导出报告…</source>
        <translation>Exporting report…</translation>
    </message>
    <message>
        <source>已取消导出报告</source>
        <translation>Report export cancelled</translation>
    </message>
    <message>
        <source>报告已保存到 {0}</source>
        <translation>Report saved to {0}</translation>
    </message>
    <message>
        <source>报告没有导出</source>
        <translation>Report was not exported</translation>
    </message>
    <message>
        <source>日均活跃成员</source>
        <translation>Daily active members</translation>
    </message>
    <message>
        <source>入群人数</source>
        <translation>Members joined</translation>
    </message>
    <message>
        <source>退群人数</source>
        <translation>Members left</translation>
    </message>
    <message>
        <source>净增人数</source>
        <translation>Net member growth</translation>
    </message>
    <message>
        <source>沉默群数</source>
        <translation>Silent groups</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>成交额 (GMV)</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>退款额</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>净成交额</source>
        <translation>Net GMV</translation>
    </message>
    <message>
        <source>购买人数</source>
        <translation>Buyers</translation>
    </message>
    <message>
        <source>复购人数</source>
        <translation>Repeat buyers</translation>
    </message>
    <message>
        <source>复购率</source>
        <translation>Repeat purchase rate</translation>
    </message>
    <message>
        <source>参与指标</source>
        <translation>Engagement metrics</translation>
    </message>
    <message>
        <source>业务指标</source>
        <translation>Business metrics</translation>
    </message>
    <message>
        <source>持平</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>群管家报告</source>
        <translation>QunDesk report</translation>
    </message>
</context>
<context>
    <name>ReviewDelegate</name>
    <message>
        <source>(无自提点)</source>
        <translation>(no pickup point)</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>接龙原文</source>
        <translation>Jielong text</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>Pickup point</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>已下单 (订单 #{0})</source>
        <translation>Already ordered (order #{0})</translation>
    </message>
    <message>
        <source>✓ {0}</source>
        <translation>✓ {0}</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>设置标签</source>
        <translation>Sets label</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>On</translation>
    </message>
    <message>
        <source>新群自动</source>
        <translation>New groups</translation>
    </message>
    <message>
        <source>还没有规则。填写右边的条件并保存, 就有了第一条规则。</source>
        <translation>No rules yet. Fill in the conditions on the right and save to create the first one.</translation>
    </message>
    <message>
        <source>新建规则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <source>例如: 快闪群归为短期群</source>
        <translation>e.g. Flash groups are short-term</translation>
    </message>
    <message>
        <source>群名里包含的文字, 不区分大小写</source>
        <translation>Text in the group name, any case</translation>
    </message>
    <message>
        <source>正则表达式, 例如 ^VIP|贵宾</source>
        <translation>Regular expression, e.g. ^VIP|贵宾</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>群主名字</source>
        <translation>Owner&apos;s name</translation>
    </message>
    <message>
        <source>完全一致</source>
        <translation>Exact</translation>
    </message>
    <message>
        <source> 天内</source>
        <translation> days</translation>
    </message>
    <message>
        <source>已设结束日期</source>
        <translation>Has an end date</translation>
    </message>
    <message>
        <source>未设结束日期</source>
        <translation>No end date</translation>
    </message>
    <message>
        <source>对以后新建和导入的群自动应用</source>
        <translation>Apply to groups created or imported later</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>群名包含</source>
        <translation>Name contains</translation>
    </message>
    <message>
        <source>群名匹配</source>
        <translation>Name matches</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>创建于最近</source>
        <translation>Created in the last</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>则设置标签</source>
        <translation>Then set label</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存规则 (Ctrl+S)</source>
        <translation>Save the rule (Ctrl+S)</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>应用到现有的群…</source>
        <translation>Apply to existing groups…</translation>
    </message>
    <message>
        <source>按预览给现有的群设置标签 (可撤销)</source>
        <translation>Label the existing groups as previewed (undoable)</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>(未分类)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>应用后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>全部平台</source>
        <translation>All platforms</translation>
    </message>
    <message>
        <source>规则有未保存的修改</source>
        <translation>Unsaved rule changes</translation>
    </message>
    <message>
        <source>规则“{0}”有未保存的修改, 要放弃吗?</source>
        <translation>Rule &quot;{0}&quot; has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <source>(新规则)</source>
        <translation>(new rule)</translation>
    </message>
    <message>
        <source>先在“维度与标签”里建一个标签, 规则才有标签可设。</source>
        <translation>Create a label under &quot;Dimensions and labels&quot; first; a rule needs a label to set.</translation>
    </message>
    <message>
        <source>填写至少一个条件, 这里就会列出会被改变的群。</source>
        <translation>Fill in at least one condition and the groups that would change are listed here.</translation>
    </message>
    <message>
        <source>匹配 {0} 个群 (共 {1} 个未归档的群), 其中 {2} 个会改变, 其余已经是“{3}”。</source>
        <translation>Matches {0} groups (of {1} not archived); {2} would change, the rest already are &quot;{3}&quot;.</translation>
    </message>
    <message>
        <source>请先选择要设置的标签</source>
        <translation>Choose the label to set first</translation>
    </message>
    <message>
        <source>已保存规则“{0}”</source>
        <translation>Saved rule &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>删除规则“{0}”? 已经设置的标签不受影响。</source>
        <translation>Delete rule &quot;{0}&quot;? Labels it has already set stay.</translation>
    </message>
    <message>
        <source>已删除规则“{0}”</source>
        <translation>Deleted rule &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>应用规则</source>
        <translation>Apply rule</translation>
    </message>
    <message>
        <source>没有需要改变的群: 匹配的 {0} 个群都已经是“{1}”。</source>
        <translation>Nothing to change: the {0} matching groups already are &quot;{1}&quot;.</translation>
    </message>
    <message>
        <source>将给 {0} 个群设置“{1}”</source>
        <translation>{0} groups will be labelled &quot;{1}&quot;</translation>
    </message>
    <message>
        <source>, 其中 {0} 个群原有的“{1}”标签会被替换</source>
        <translation>, replacing the &quot;{1}&quot; label of {0} of them</translation>
    </message>
    <message>
        <source>。
应用后可以用 Ctrl+Z 撤销。继续吗?</source>
        <translation>.
You can undo with Ctrl+Z afterwards. Continue?</translation>
    </message>
    <message>
        <source>应用规则“{0}”</source>
        <translation>Apply rule &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>规则“{0}”已应用: {1} 个群已更改 (Ctrl+Z 撤销)</source>
        <translation>Rule &quot;{0}&quot; applied: {1} groups changed (Ctrl+Z to undo)</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>导出供货单…</source>
        <extracomment>the 按团长 figures span every campaign and are read only when that tab is looked at</extracomment>
        <translation>Export supplier sheet…</translation>
    </message>
    <message>
        <source>按商品和规格汇总的数量、金额、成本和毛利 (.xlsx), 发给供货商</source>
        <translation>Quantity, amount, cost and margin per product and spec (.xlsx), for the supplier</translation>
    </message>
    <message>
        <source>导出自提单…</source>
        <translation>Export pickup sheets…</translation>
    </message>
    <message>
        <source>每个自提点一张工作表, 按楼号房号排序, 带打勾列; 手机号打码</source>
        <translation>One worksheet per pickup point, sorted by building and room, with a tick column; phones masked</translation>
    </message>
    <message>
        <source>打印自提单 (PDF)…</source>
        <translation>Print pickup lists (PDF)…</translation>
    </message>
    <message>
        <source>可直接打印的自提单, 每个自提点一页起; 手机号打码</source>
        <translation>Print-ready pickup lists, each pickup point on its own page; phones masked</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>销售额</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>成本</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>毛利</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>Pickup point</translation>
    </message>
    <message>
        <source>(未指定)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Buyers</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>已提货</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>(未关联群)</source>
        <translation>(no group)</translation>
    </message>
    <message>
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>团长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>团购数</source>
        <translation>Group buys</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>未付订单</source>
        <translation>Unpaid orders</translation>
    </message>
    <message>
        <source>应付</source>
        <translation>Owes</translation>
    </message>
    <message>
        <source>还没付款的人:</source>
        <translation>Still to pay:</translation>
    </message>
    <message>
        <source>供货单</source>
        <translation>Supplier order</translation>
    </message>
    <message>
        <source>按自提点</source>
        <translation>By pickup point</translation>
    </message>
    <message>
        <source>按群</source>
        <translation>By group</translation>
    </message>
    <message>
        <source>按团长</source>
        <translation>By leader</translation>
    </message>
    <message>
        <source>所有团购活动按团长汇总, 不含已取消的订单</source>
        <translation>All group buys summed by leader, cancelled orders excluded</translation>
    </message>
    <message>
        <source>收款对账</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>选择一个团购活动查看汇总。</source>
        <translation>Choose a group buy to see its summary.</translation>
    </message>
    <message>
        <source>还没有有效订单: 在“订单”页快速下单或在“接龙”页粘贴接龙后, 这里会汇总供货单、自提点和收款。</source>
        <translation>No valid orders yet: once you enter orders on the “Orders” tab or paste a jielong on the “Jielong” tab, the supplier order, pickup points and payments are summed up here.</translation>
    </message>
    <message>
        <source>本团复购率 {0:.0%}</source>
        <translation>Repurchase rate of this buy {0:.0%}</translation>
    </message>
    <message>
        <source>全部团购复购率 {0:.0%} ({1}/{2} 人)</source>
        <translation>Repurchase rate across group buys {0:.0%} ({1}/{2} buyers)</translation>
    </message>
    <message>
        <source>共 {0} 件 · 销售额 {1} · 成本 {2} · 毛利 {3}</source>
        <translation>{0} items · sales {1} · cost {2} · margin {3}</translation>
    </message>
    <message>
        <source>已付款 {0} 单 {1} · 未付款 {2} 单 {3} · 已退款 {4} 单 {5} · 已取消 {6} 单
实收 {7}</source>
        <translation>Paid {0} orders {1} · unpaid {2} orders {3} · refunded {4} orders {5} · cancelled {6} orders
Received {7}</translation>
    </message>
    <message>
        <source>导出供货单</source>
        <translation>Export supplier sheet</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出供货单…</source>
        <translation>Exporting the supplier sheet…</translation>
    </message>
    <message>
        <source>供货单已保存到 {0}</source>
        <translation>Supplier sheet saved to {0}</translation>
    </message>
    <message>
        <source>导出自提单</source>
        <translation>Export pickup sheets</translation>
    </message>
    <message>
        <source>自提单</source>
        <translation>pickup</translation>
    </message>
    <message>
        <source>正在导出自提单…</source>
        <translation>Exporting the pickup sheets…</translation>
    </message>
    <message>
        <source>自提单已保存到 {0}</source>
        <translation>Pickup sheets saved to {0}</translation>
    </message>
    <message>
        <source>打印自提单</source>
        <translation>Print pickup lists</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>自提单 PDF 已保存到 {0}</source>
        <translation>Pickup list PDF saved to {0}</translation>
    </message>
    <message>
        <source>正在准备自提单…</source>
        <translation>Preparing the pickup lists…</translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>成员标签</source>
        <extracomment>colours offered to new tags in turn (Material 600s: readable as chips on white)</extracomment>
        <translation>Member tags</translation>
    </message>
    <message>
        <source>还没有标签。点击“新建标签”, 或在成员表中选中成员后右键“打标签…”。</source>
        <translation>No tags yet. Click &quot;New tag&quot;, or select members in the table, right-click and choose &quot;Tag…&quot;.</translation>
    </message>
    <message>
        <source>新建标签…</source>
        <translation>New tag…</translation>
    </message>
    <message>
        <source>重命名… (F2)</source>
        <translation>Rename… (F2)</translation>
    </message>
    <message>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <source>删除 (Del)</source>
        <translation>Delete (Del)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{0}  ·  {1} 人</source>
        <translation>{0}  ·  {1} people</translation>
    </message>
    <message>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <source>标签名:</source>
        <translation>Tag name:</translation>
    </message>
    <message>
        <source>已新建“{0}”</source>
        <translation>Created &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <source>新名称:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>已改名为“{0}”</source>
        <translation>Renamed to &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>标签颜色</source>
        <translation>Tag colour</translation>
    </message>
    <message>
        <source>已换颜色</source>
        <translation>Colour changed</translation>
    </message>
    <message>
        <source>删除标签“{0}”?</source>
        <translation>Delete tag &quot;{0}&quot;?</translation>
    </message>
    <message>
        <source>{0} 位成员会失去这个标签 (成员本身不受影响)。</source>
        <translation>{0} members will lose this tag (the members themselves are not affected).</translation>
    </message>
    <message>
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <source>已删除, {0} 位成员失去该标签</source>
        <translation>Deleted; {0} members lost the tag</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>报告目标</source>
        <extracomment>figures where less is better: their targets are ceilings and a fall is good news each figure key&apos;s unit (the domain knows it; a zero report tells us without a database)</extracomment>
        <translation>Report targets</translation>
    </message>
    <message>
        <source>每期的目标数字, 报告里显示完成度。金额按元填写, 复购率按百分比填写; 0 表示不设目标。退群人数、沉默群数和退款额的目标是上限。</source>
        <translation>Targets for each period; the report shows progress towards them. Amounts are in yuan and the repeat purchase rate is a percentage; 0 means no target. Targets for members left, silent groups and refunds are upper limits.</translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>不设</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>操作失败</source>
        <extracomment>runs on the single writer: its transactions take SQLite&apos;s write lock before reading</extracomment>
        <translation>Operation failed</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>编辑模板</source>
        <translation>Edit template</translation>
    </message>
    <message>
        <source>新建模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <source>例如: 截单提醒</source>
        <translation>e.g. Order cut-off reminder</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>例如: {群名}的家人们, 本期团购 {截单时间} 截单, 团长 {团长} 在群里答疑~</source>
        <translation>e.g. Dear {群名} members, this group buy closes at {截单时间}; leader {团长} answers questions in the group~</translation>
    </message>
    <message>
        <source>图片和文件只用于手动发送 (在“待发送”里复制); 机器人群只发文字</source>
        <translation>Images and files are for manual sends only (copy them in “To send”); robot groups get the text only</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
</context>
<context>
    <name>TierSuggestionsDialog</name>
    <message>
        <source>客户等级建议</source>
        <translation>Tier suggestions</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Because</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>应用勾选的建议</source>
        <translation>Apply ticked suggestions</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Tick all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Untick all</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>不用</source>
        <translation>off</translation>
    </message>
    <message>
        <source>规则: 发言达到 {0} 次 → 粉丝; 付款订单达到 {1} 笔 → 会员; 推荐达到 {2} 人 → 合伙人候选。只会往上调, 调整原因记入等级历史。规则可在 设置 → 客户阶梯与活跃度规则 里修改。</source>
        <translation>Rules: {0} messages → fan; {1} paid orders → member; {2} referrals → partner candidate. Tiers only move up; the reason is kept in the tier history. Change the rules under Settings → Customer ladder and activity rules.</translation>
    </message>
    <message>
        <source>正在计算等级建议…</source>
        <translation>Working out tier suggestions…</translation>
    </message>
    <message>
        <source>{0} 条建议</source>
        <translation>{0} suggestions</translation>
    </message>
    <message>
        <source>目前没有需要调整等级的成员。</source>
        <translation>No member needs a tier change now.</translation>
    </message>
    <message>
        <source>等级建议: </source>
        <translation>Tier suggestion: </translation>
    </message>
    <message>
        <source>已调整 {0} 位成员的等级</source>
        <translation>Changed the tier of {0} members</translation>
    </message>
    <message>
        <source>等级建议</source>
        <translation>Tier suggestions</translation>
    </message>
</context>
<context>
    <name>VariableButtons</name>
    <message>
        <source>插入变量:</source>
        <extracomment>preview at most this many groups at once (the combo lists them; 500 renders are still quick) more sends than this within 7 days earns a warning (a typo like FREQ=HOURLY floods groups)</extracomment>
        <translation>Insert variable:</translation>
    </message>
    <message>
        <source>插入 {0}: 发送时换成每个群自己的值</source>
        <translation>Insert {0}: replaced by each group&apos;s own value when sent</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>企业微信</source>
        <translation>WeCom</translation>
    </message>
    <message>
        <source>QQ</source>
        <translation>QQ</translation>
    </message>
    <message>
        <source>抖音</source>
        <translation>Douyin</translation>
    </message>
    <message>
        <source>小红书</source>
        <translation>Xiaohongshu</translation>
    </message>
    <message>
        <source>微博</source>
        <translation>Weibo</translation>
    </message>
    <message>
        <source>钉钉</source>
        <translation>DingTalk</translation>
    </message>
    <message>
        <source>飞书</source>
        <translation>Feishu</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>活跃</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>沉默</source>
        <translation>Dormant</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>长期群</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>短期群</source>
        <translation>Short-term</translation>
    </message>
    <message>
        <source>核心</source>
        <translation>Core</translation>
    </message>
    <message>
        <source>参与</source>
        <translation>Participating</translation>
    </message>
    <message>
        <source>观望</source>
        <translation>Watching</translation>
    </message>
    <message>
        <source>目标用户</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <source>粉丝</source>
        <translation>Fan</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>合伙人</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>Organizer</translation>
    </message>
    <message>
        <source>思考者</source>
        <translation>Thinker</translation>
    </message>
    <message>
        <source>清谈者</source>
        <translation>Chatter</translation>
    </message>
    <message>
        <source>求教者</source>
        <translation>Asker</translation>
    </message>
    <message>
        <source>围观者</source>
        <translation>Lurker</translation>
    </message>
    <message>
        <source>挑战者</source>
        <translation>Challenger</translation>
    </message>
    <message>
        <source>发言</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>提问</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <source>购买</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <source>转介绍</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>进群</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>私聊</source>
        <translation>Private chat</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>未付款</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>已退款</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>待提货</source>
        <translation>Awaiting pickup</translation>
    </message>
    <message>
        <source>已提货</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已截单</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已结算</source>
        <translation>Settled</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用群管家</source>
        <translation>Welcome to QunDesk</translation>
    </message>
    <message>
        <source>在一个地方管理你运营的所有群: 按平台、状态和标签分类, 用拼音秒搜, 随手编辑和归档。
数据只保存在这台电脑上:</source>
        <translation>Manage every group you run in one place: sort them by platform, status and label, find any of them by pinyin, edit and archive as you go.
Your data is stored only on this computer:</translation>
    </message>
    <message>
        <source>创建演示工作区</source>
        <translation>Create demo workspace</translation>
    </message>
    <message>
        <source>生成 300 个群、2 万名成员和半年的互动记录, 先看看群管家能做什么</source>
        <translation>Generates 300 groups, 20,000 members and six months of activity so you can see what QunDesk can do</translation>
    </message>
    <message>
        <source>添加第一个群</source>
        <translation>Add your first group</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>导入手头的群列表、成员表或聊天记录导出</source>
        <translation>Import the group lists, member sheets or chat exports you already have</translation>
    </message>
</context>
</TS>
