// Chinese names for the sample: villages and communities, officers, inspected units.
#include "sample/sample_internal.h"

#include <array>
#include <stdexcept>
#include <string_view>

namespace firebeat::detail {
namespace {

// Kunming-sounding place stems; synthetic ones follow when these run out.
constexpr std::array<std::string_view, 96> kPlaceStems = {
    "大树营", "福德",   "王家桥", "小坝",   "金色",   "宏仁",   "昆瑞",   "菊花",   "关坡",   "云溪",
    "太和",   "六甲",   "子君",   "彩云",   "小板桥", "马村",   "海源",   "普吉",   "沙河",   "龙头",
    "北辰",   "穿金",   "白龙",   "青云",   "麻园",   "黄土坡", "红联",   "昆福",   "西坝",   "永昌",
    "明波",   "海埂",   "船房",   "眠山",   "鸣泉",   "茨坝",   "桃源",   "落索坡", "羊甫",   "张官营",
    "石闸",   "虹山",   "金鼎",   "东华",   "圆通",   "翠湖",   "莲花",   "大观",   "篆塘",   "潘家湾",
    "弥勒寺", "银海",   "云山",   "书林",   "春城",   "江岸",   "金星",   "双凤",   "董家湾", "牛街庄",
    "陈家营", "五里多", "螺蛳湾", "塘子巷", "广卫",   "前兴",   "宝海",   "吴井",   "新迎",   "东站",
    "世纪城", "官南",   "矣六",   "大板桥", "小哨",   "石坝",   "马鞍山", "龙池",   "青龙",   "李家营",
    "杨家地", "高坡",   "甸尾",   "花红园", "大麦地", "周家营", "岗头",   "新村",   "梁家河", "棕树营",
    "普坪",   "苏家塘", "核桃箐", "白沙河", "三家村", "杨柳冲"};
constexpr std::array<std::string_view, 38> kPlaceFirst = {
    "金", "龙", "马", "凤", "云", "滇", "桃", "柳", "石", "新", "大", "小", "东",
    "西", "南", "北", "和", "平", "安", "兴", "福", "德", "宝", "海", "源", "明",
    "华", "春", "江", "岗", "松", "梅", "竹", "兰", "瑞", "祥", "丰", "盛"};
constexpr std::array<std::string_view, 18> kPlaceSecond = {"家营", "家村", "坝", "坡", "湾", "营",
                                                           "庄",   "山",   "园", "塘", "桥", "地",
                                                           "井",   "冲",   "箐", "哨", "沟", "屯"};

// Common surnames appear twice, and Yunnan ones (段, 普, 字, 者) once, as a rough weighting.
constexpr std::array<std::string_view, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "李", "段", "普", "杨", "张", "王", "字", "者"};
constexpr std::array<std::string_view, 56> kGivenChars = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "斌",
    "辉", "宇", "鹏", "飞", "云", "波", "林", "浩", "俊", "凯", "志", "红", "梅", "琳",
    "雪", "晨", "欣", "婷", "颖", "瑞", "阳", "昊", "睿", "泽", "宁", "健", "峰", "亮"};

constexpr std::array<std::string_view, 40> kBrands = {
    "鑫源", "金鼎", "滇味", "春城", "云岭", "顺达",   "恒通", "万家", "佳美", "福兴",
    "好运", "鸿福", "盛世", "隆昌", "永和", "新天地", "老街", "小王", "阿香", "红太阳",
    "德兴", "聚福", "宏达", "天一", "九龙", "彩云",   "七彩", "金马", "碧鸡", "翠湖",
    "滇池", "南屏", "金星", "锦华", "百信", "惠民",   "利民", "益康", "安居", "同心"};
constexpr std::array<std::string_view, 8> kKeyUnitTypes = {"购物中心", "医院", "中学",   "大酒店",
                                                           "超市",     "影城", "养老院", "汽车客运站"};
constexpr std::array<std::string_view, 10> kSmallVenueTypes = {
    "便利店", "小吃店", "网吧", "美发店", "旅馆", "棋牌室", "火锅店", "药店", "服装店", "五金店"};
constexpr std::array<std::string_view, 5> kThreeInOneTypes = {"服装加工坊", "电动车维修店", "食品小作坊",
                                                              "家具加工坊", "米线加工坊"};
constexpr std::array<std::string_view, 3> kResidentialTypes = {"小区物业服务中心", "花园物业", "公寓物业"};
constexpr std::array<std::string_view, 5> kOtherTypes = {"仓库", "汽修厂", "写字楼", "农贸市场", "物流站"};

std::string_view villageSuffix(VillageKind kind) {
    switch (kind) {
    case VillageKind::UrbanVillage:
        return "村";
    case VillageKind::Community:
        return "社区";
    case VillageKind::RuralVillage:
        return "村委会";
    }
    return "社区";
}

} // namespace

std::string sampleVillageName(Random& rng, VillageKind kind, std::set<std::string>& used) {
    // `used` holds stems, so 福德村 and 福德社区 never both appear.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const std::string stem =
            attempt < 40 ? std::string(rng.choice(kPlaceStems))
                         : std::string(rng.choice(kPlaceFirst)) + std::string(rng.choice(kPlaceSecond));
        if (!used.insert(stem).second)
            continue;
        // 马村 stays 马村 as an urban village, not 马村村.
        if (kind == VillageKind::UrbanVillage && stem.ends_with("村"))
            return stem;
        return stem + std::string(villageSuffix(kind));
    }
    throw std::logic_error("sample generator: ran out of village names");
}

std::string samplePersonName(Random& rng, std::set<std::string>& used) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
        std::string name(rng.choice(kSurnames));
        name += rng.choice(kGivenChars);
        if (rng.chance(0.6))
            name += rng.choice(kGivenChars);
        if (used.insert(name).second)
            return name;
    }
    throw std::logic_error("sample generator: ran out of person names");
}

std::string sampleUnitName(Random& rng, UnitCategory category) {
    std::string name(rng.choice(kBrands));
    switch (category) {
    case UnitCategory::KeyUnit:
        name += rng.choice(kKeyUnitTypes);
        break;
    case UnitCategory::SmallVenue:
        name += rng.choice(kSmallVenueTypes);
        break;
    case UnitCategory::ThreeInOne:
        name += rng.choice(kThreeInOneTypes);
        break;
    case UnitCategory::ResidentialProperty:
        name += rng.choice(kResidentialTypes);
        break;
    case UnitCategory::Other:
        name += rng.choice(kOtherTypes);
        break;
    }
    return name;
}

} // namespace firebeat::detail
